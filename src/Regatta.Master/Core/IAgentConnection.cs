using System.Net.WebSockets;
using Regatta.Protocol.Agent;

namespace Regatta.Master.Core;

/// <summary>An agent's connection as the core sees it: queue messages, or close it.</summary>
internal interface IAgentConnection
{
    /// <summary>Unique per connection for the life of the process.</summary>
    long ConnectionId { get; }

    /// <summary>The peer's IP address as text, when known.</summary>
    string? RemoteIp { get; }

    /// <summary>Queues a message; false when the connection is closed or hopelessly behind (it is then closed).</summary>
    bool TrySend(MasterMessage message);

    /// <summary>Closes after queued messages are flushed.</summary>
    void Close(WebSocketCloseStatus status, string reason);
}
