using System.Net.WebSockets;
using Regatta.Master.Core;
using Regatta.Protocol.Agent;

namespace Regatta.Master.Tests.Support;

/// <summary>An agent connection that records what the master sends on it.</summary>
internal sealed class RecordingAgentConnection : IAgentConnection
{
    private static long nextId;

    public long ConnectionId { get; } = Interlocked.Increment(ref nextId);

    public string? RemoteIp => "127.0.0.1";

    public List<MasterMessage> Messages { get; } = [];

    public (WebSocketCloseStatus Status, string Reason)? ClosedWith { get; private set; }

    public bool TrySend(MasterMessage message)
    {
        Messages.Add(message);
        return true;
    }

    public void Close(WebSocketCloseStatus status, string reason) => ClosedWith ??= (status, reason);

    public List<MasterMessage> Take(MasterMessage.KindOneofCase kind)
    {
        var taken = Messages.Where(m => m.KindCase == kind).ToList();
        Messages.RemoveAll(m => m.KindCase == kind);
        return taken;
    }
}
