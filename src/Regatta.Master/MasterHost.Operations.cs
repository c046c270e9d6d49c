using Regatta.Master.Snapshots;

namespace Regatta.Master;

/// <summary>Entry points for the operator endpoints; each runs as one command on the master's actor.</summary>
public sealed partial class MasterHost
{
    /// <summary>An immutable picture of the master, taken in one actor turn.</summary>
    internal Task<MasterSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        Actor.AskAsync((core, now) => core.Snapshot(now), cancellationToken);

    /// <summary>Operator events after a snapshot taken in the same turn; see <see cref="OperatorSubscription"/>.</summary>
    internal Task<OperatorSubscription> SubscribeOperatorEventsAsync(int capacity, CancellationToken cancellationToken) =>
        Actor.SubscribeAsync(capacity, cancellationToken);

    /// <summary>Removes a framework and kills its tasks; false when no such framework is registered.</summary>
    internal Task<bool> TeardownFrameworkAsync(string frameworkId, CancellationToken cancellationToken) =>
        Actor.AskAsync((core, now) => core.Teardown(frameworkId, now), cancellationToken);

    /// <summary>Sets role weights (persisted); null when applied, else the problem (for a 400).</summary>
    internal Task<string?> UpdateWeightsAsync(IReadOnlyDictionary<string, double> weights, CancellationToken cancellationToken) =>
        Actor.AskAsync((core, _) => core.UpdateWeights(weights), cancellationToken);

    /// <summary>Stops offering the agent's resources (outstanding offers are rescinded); false for unknown agents.</summary>
    internal Task<bool> DeactivateAgentAsync(string agentId, CancellationToken cancellationToken) =>
        Actor.AskAsync((core, now) => core.SetAgentDeactivated(agentId, true, now), cancellationToken);

    /// <summary>Offers the agent's resources again; false for unknown agents.</summary>
    internal Task<bool> ReactivateAgentAsync(string agentId, CancellationToken cancellationToken) =>
        Actor.AskAsync((core, now) => core.SetAgentDeactivated(agentId, false, now), cancellationToken);
}
