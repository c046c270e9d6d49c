using System.Net.WebSockets;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1.Scheduler;
using MasterEvent = Regatta.Protocol.V1.Master.Event;

namespace Regatta.Master.Core;

/// <summary>
/// Something the core decided that the host performs after the turn's registry writes are durable, in the
/// order the core produced them.
/// </summary>
internal abstract record MasterEffect
{
    private MasterEffect()
    {
    }

    public sealed record SendToFramework(string FrameworkId, IFrameworkStream Stream, Event Event) : MasterEffect;

    public sealed record CloseFrameworkStream(IFrameworkStream Stream) : MasterEffect;

    public sealed record SendToAgent(string AgentId, IAgentConnection Connection, MasterMessage Message) : MasterEffect;

    public sealed record CloseAgentConnection(IAgentConnection Connection, WebSocketCloseStatus Status, string Reason) : MasterEffect;

    public sealed record PublishOperatorEvent(MasterEvent Event) : MasterEffect;

    /// <summary>Completes a waiting caller (an HTTP request, a snapshot or subscription request).</summary>
    public sealed record Reply(Action Complete) : MasterEffect;
}
