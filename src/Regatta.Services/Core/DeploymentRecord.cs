using Regatta.Services.Deployments;
using Regatta.Services.Model;

namespace Regatta.Services.Core;

/// <summary>
/// A running deployment: its plan and progress, plus the app definitions it goes from and to (the original ones are
/// what a rollback restores, the target ones what it deploys).
/// </summary>
internal sealed class DeploymentRecord(DeploymentState state, IReadOnlyDictionary<PathId, AppDefinition> original, IReadOnlyDictionary<PathId, AppDefinition> target)
{
    public DeploymentState State { get; set; } = state;

    public DeploymentPlan Plan => State.Plan;

    public string Id => Plan.Id;

    public IReadOnlyDictionary<PathId, AppDefinition> Original { get; } = original;

    public IReadOnlyDictionary<PathId, AppDefinition> Target { get; } = target;

    /// <summary>App ids that a restart was asked for (POST /restart), kept so a recovered plan is the same plan.</summary>
    public IReadOnlySet<string> RestartRequested { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The groups' dependencies the plan was made with (group id → ids), kept so a recovered plan is the same plan.</summary>
    public IReadOnlyDictionary<PathId, IReadOnlyList<PathId>> GroupDependencies { get; init; } = new Dictionary<PathId, IReadOnlyList<PathId>>();

    public IEnumerable<PathId> AffectedApps => Plan.AffectedApps.Select(PathId.Parse);
}
