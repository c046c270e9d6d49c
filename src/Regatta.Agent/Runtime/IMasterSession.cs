using Regatta.Protocol.Agent;

namespace Regatta.Agent.Runtime;

/// <summary>One connection to the master, as the agent loop sees it.</summary>
internal interface IMasterSession
{
    /// <summary>Queues a message for the next frame; false when the connection is closing.</summary>
    bool TrySend(AgentMessage message);

    /// <summary>Ends the connection; with <paramref name="reconnectAtOnce"/> the next attempt skips the backoff.</summary>
    void Close(string reason, bool reconnectAtOnce);

    /// <summary>The master's ping interval (from Registered): silence for three intervals ends the connection.</summary>
    void SetPingInterval(TimeSpan interval);
}
