namespace Regatta.Master.Core;

internal enum DeadlineKind
{
    /// <summary>A disconnected framework's failover_timeout ran out.</summary>
    FrameworkFailover,

    /// <summary>Time to ping a connected agent (and count the previous ping as missed if unanswered).</summary>
    AgentPing,

    /// <summary>A disconnected agent did not come back within ping_timeout × max_ping_timeouts.</summary>
    AgentDisconnected,

    /// <summary>A recovering agent did not re-register within agent_reregister_timeout.</summary>
    AgentReregister,

    /// <summary>An offer outlived --offer_timeout.</summary>
    OfferTimeout,
}
