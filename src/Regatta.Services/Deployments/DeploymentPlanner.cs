namespace Regatta.Services.Deployments;

/// <summary>
/// Builds deployment plans the way Marathon orders them: one step stopping removed apps, one step starting new
/// apps with 0 instances, then one step per dependency level with the scales and restarts of that level.
/// Empty steps are dropped; actions inside a step are sorted by app id.
/// </summary>
internal static class DeploymentPlanner
{
    /// <summary>The plan from <paramref name="original"/> to <paramref name="target"/> (both keyed by app id).</summary>
    /// <exception cref="DependencyCycleException">The target's dependencies form a cycle.</exception>
    public static DeploymentPlan Plan(
        string id,
        string version,
        IReadOnlyDictionary<string, PlannedApp> original,
        IReadOnlyDictionary<string, PlannedApp> target,
        PlanOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(target);
        options ??= PlanOptions.None;

        var levels = DependencyOrder.Levels(target);
        var steps = new List<DeploymentStep>
        {
            Step(original.Keys.Where(k => !target.ContainsKey(k))
                .Select(k => new DeploymentAction(DeploymentActionKind.StopApplication, k))),
            Step(target.Keys.Where(k => !original.ContainsKey(k))
                .Select(k => new DeploymentAction(DeploymentActionKind.StartApplication, k))),
        };

        var byLevel = new SortedDictionary<int, List<DeploymentAction>>();
        foreach (var (appId, app) in target)
        {
            var action = ActionFor(appId, original.GetValueOrDefault(appId), app, options);
            if (action is null)
            {
                continue;
            }

            var level = levels[appId];
            if (!byLevel.TryGetValue(level, out var actions))
            {
                byLevel[level] = actions = [];
            }

            actions.Add(action);
        }

        steps.AddRange(byLevel.Values.Select(Step));
        return new DeploymentPlan(id, version, original, target, [.. steps.Where(s => s.Actions.Count > 0)]);
    }

    /// <summary>
    /// The plan that undoes <paramref name="deployment"/> on top of <paramref name="current"/>: every app the
    /// deployment touched goes back to its original definition (or away, if the deployment created it); apps
    /// changed by others in the meantime are left alone. Marathon applies it as a forced deployment.
    /// </summary>
    public static DeploymentPlan Rollback(
        DeploymentPlan deployment,
        IReadOnlyDictionary<string, PlannedApp> current,
        string id,
        string version)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(current);
        var target = new Dictionary<string, PlannedApp>(current, StringComparer.Ordinal);
        foreach (var appId in deployment.AffectedApps)
        {
            if (deployment.Original.TryGetValue(appId, out var before))
            {
                target[appId] = before;
            }
            else
            {
                target.Remove(appId);
            }
        }

        return Plan(id, version, current, target);
    }

    /// <summary>The running deployments that touch an app of <paramref name="plan"/>, in the given order.</summary>
    public static IReadOnlyList<DeploymentPlan> FindConflicts(DeploymentPlan plan, IEnumerable<DeploymentPlan> running)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(running);
        return [.. running.Where(r => r.Id != plan.Id && r.ConflictsWith(plan))];
    }

    private static DeploymentAction? ActionFor(string appId, PlannedApp? before, PlannedApp after, PlanOptions options)
    {
        var sentenced = options.Sentenced.GetValueOrDefault(appId);
        if (before is null)
        {
            return new DeploymentAction(DeploymentActionKind.ScaleApplication, appId);
        }

        var restart = before.ConfigVersion != after.ConfigVersion || options.RestartRequested.Contains(appId);
        if (restart)
        {
            // Restarting into zero instances is just stopping the old ones.
            var kind = after.Instances == 0 ? DeploymentActionKind.ScaleApplication : DeploymentActionKind.RestartApplication;
            return new DeploymentAction(kind, appId, kind == DeploymentActionKind.ScaleApplication ? sentenced : null);
        }

        return before.Instances != after.Instances || sentenced is { Count: > 0 }
            ? new DeploymentAction(DeploymentActionKind.ScaleApplication, appId, sentenced)
            : null;
    }

    private static DeploymentStep Step(IEnumerable<DeploymentAction> actions) =>
        new([.. actions.OrderBy(a => a.AppId, StringComparer.Ordinal)]);
}
