namespace Regatta.Agent.Connection;

/// <summary>Constants of the agent ↔ master protocol v1.</summary>
internal static class AgentProtocol
{
    public const string Path = "/agent/v1";
    public const string SubProtocol = "regatta.agent.v1";

    /// <summary>Frames are coalesced up to this size before a send.</summary>
    public const int MaxFrameBytes = 1 << 20;

    /// <summary>Largest master frame the agent accepts (a re-registration reply or a burst of launches).</summary>
    public const int MaxIncomingFrameBytes = 64 << 20;

    /// <summary>The agent gives up on a master after this many ping intervals of silence.</summary>
    public const int SilentIntervals = 3;
}
