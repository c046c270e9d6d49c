using Regatta.Services.Deployments;
using Regatta.Services.Model;
using DeployUnreachable = Regatta.Services.Deployments.UnreachableStrategy;

namespace Regatta.Services.Core;

/// <summary>How an app definition looks to the pure deployment code: its config version is what a restart replaces.</summary>
internal static class AppPlanning
{
    private static readonly Dictionary<PathId, IReadOnlyList<PathId>> EmptyGroupDependencies = [];

    /// <summary>The non-empty <c>dependencies</c> of these groups, by group id.</summary>
    public static Dictionary<PathId, IReadOnlyList<PathId>> GroupDependencies(IEnumerable<GroupRecord> groups) =>
        groups.Where(g => g.Dependencies.Count > 0).ToDictionary(g => g.Id, g => (IReadOnlyList<PathId>)[.. g.Dependencies]);

    /// <summary>The version a task carries for restart purposes: the app's <c>lastConfigChangeAt</c>.</summary>
    public static DateTimeOffset ConfigVersion(AppDefinition app) =>
        app.VersionInfo?.LastConfigChangeAt ?? app.Version ?? DateTimeOffset.UnixEpoch;

    /// <summary>The app's launch backoff: backoffSeconds × backoffFactor^n up to maxLaunchDelaySeconds.</summary>
    public static BackoffPolicy BackoffOf(AppDefinition app) =>
        new(TimeSpan.FromSeconds(app.BackoffSeconds), app.BackoffFactor, TimeSpan.FromSeconds(app.MaxLaunchDelaySeconds));

    public static PlannedApp ToPlanned(AppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var config = AppTimestamp.Format(ConfigVersion(app));
        return new PlannedApp(app.Id.ToString(), config, app.Instances)
        {
            ConfigVersion = config,
            Dependencies = [.. app.Dependencies.Select(d => d.ToString())],
            MinimumHealthCapacity = app.UpgradeStrategy.MinimumHealthCapacity,
            MaximumOverCapacity = app.UpgradeStrategy.MaximumOverCapacity,
            HasHealthChecks = app.HealthChecks.Count > 0,
            HasReadinessChecks = app.ReadinessChecks.Count > 0,
            KillSelection = app.KillSelection,
            UnreachableStrategy = app.UnreachableStrategy.IsEnabled
                ? new DeployUnreachable(TimeSpan.FromSeconds(app.UnreachableStrategy.InactiveAfterSeconds), TimeSpan.FromSeconds(app.UnreachableStrategy.ExpungeAfterSeconds))
                : DeployUnreachable.Disabled,
            Backoff = BackoffOf(app),
            DeploymentDeadline = app.DeploymentTimeoutSeconds > 0 ? TimeSpan.FromSeconds(app.DeploymentTimeoutSeconds) : null,
        };
    }

    /// <summary>
    /// The apps of one plan. An app depends on what it names and on what every group it lives in names
    /// (<paramref name="groupDependencies"/>: group id → its <c>dependencies</c>), except on its own groups. A
    /// dependency that names a group (an id some of these apps live under) stands for every app of the plan under it,
    /// so <c>"dependencies": ["/shop/db"]</c> waits for all of /shop/db's apps.
    /// </summary>
    public static Dictionary<string, PlannedApp> ToPlanned(IEnumerable<AppDefinition> apps, IReadOnlyDictionary<PathId, IReadOnlyList<PathId>>? groupDependencies = null)
    {
        var list = apps.ToList();
        var ids = list.Select(a => a.Id).ToList();
        return list.ToDictionary(
            a => a.Id.ToString(),
            a =>
            {
                var planned = ToPlanned(a);
                var inherited = (groupDependencies ?? EmptyGroupDependencies)
                    .Where(g => a.Id.IsDescendantOf(g.Key))
                    .SelectMany(g => g.Value)
                    .Where(d => d != a.Id && !a.Id.IsDescendantOf(d));
                var expanded = a.Dependencies.Concat(inherited)
                    .SelectMany(d => ids.Contains(d) ? [d] : ids.Where(id => id != a.Id && id.IsDescendantOf(d)).DefaultIfEmpty(d))
                    .Select(d => d.ToString())
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                return planned with { Dependencies = expanded };
            },
            StringComparer.Ordinal);
    }
}
