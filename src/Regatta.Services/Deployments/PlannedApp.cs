using Regatta.Services.Model;

namespace Regatta.Services.Deployments;

/// <summary>
/// The slice of an app definition that planning, restarting and reconciling look at. The integration maps the
/// full app model onto it. <paramref name="Version"/> changes on every change of the app;
/// <see cref="ConfigVersion"/> (Marathon's <c>versionInfo.lastConfigChangeAt</c>) only when something other than
/// <c>instances</c> changed, so it tells a restart from a scale. Dependencies are app ids (group dependencies
/// already expanded).
/// </summary>
internal sealed record PlannedApp(string Id, string Version, int Instances)
{
    /// <summary>The last config change (not a pure scale); defaults to <see cref="Version"/>.</summary>
    public string ConfigVersion { get; init; } = Version;

    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary><c>upgradeStrategy.minimumHealthCapacity</c>, within [0, 1].</summary>
    public double MinimumHealthCapacity { get; init; } = 1.0;

    /// <summary><c>upgradeStrategy.maximumOverCapacity</c>, within [0, 1].</summary>
    public double MaximumOverCapacity { get; init; } = 1.0;

    public bool HasHealthChecks { get; init; }

    public bool HasReadinessChecks { get; init; }

    /// <summary>Resident (persistent-volume) apps free a slot instead of over-provisioning during restarts.</summary>
    public bool IsResident { get; init; }

    public KillSelection KillSelection { get; init; } = KillSelection.YoungestFirst;

    public UnreachableStrategy UnreachableStrategy { get; init; } = UnreachableStrategy.Default;

    public BackoffPolicy Backoff { get; init; } = BackoffPolicy.Default;

    /// <summary>
    /// Our extension: how long a deployment step may wait for this app's new tasks to become healthy and ready
    /// before the deployment fails and is rolled back. Null waits forever, as Marathon does.
    /// </summary>
    public TimeSpan? DeploymentDeadline { get; init; } = DefaultDeploymentDeadline;

    /// <summary>600 s.</summary>
    public static TimeSpan DefaultDeploymentDeadline { get; } = TimeSpan.FromSeconds(600);
}
