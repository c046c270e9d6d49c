namespace Regatta.Master.Core;

/// <summary>Where a known agent is in its life with this master.</summary>
internal enum AgentPhase
{
    /// <summary>Loaded from the registry after a master restart; waiting for it to re-register.</summary>
    Recovering,

    /// <summary>Registered with a live connection.</summary>
    Connected,

    /// <summary>Its connection closed; it has until the ping-timeout window ends to come back.</summary>
    Disconnected,
}
