using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Core;

internal sealed partial class ServicesCore
{
    /// <summary>Versions kept per app (Marathon's --max_versions default).</summary>
    public const int MaxVersions = 50;

    private static readonly IReadOnlySet<string> NoRestart = new HashSet<string>(StringComparer.Ordinal);

    private readonly Dictionary<PathId, SortedDictionary<DateTimeOffset, AppDefinition>> _versions = [];

    /// <summary>POST /v2/apps: 409 when the id is taken, else a deployment that starts it.</summary>
    public Outcome<DeploymentRef> CreateApp(AppDefinition app, bool force, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (_apps.ContainsKey(app.Id))
        {
            return ApiError.Conflict($"An app with id [{app.Id}] already exists.");
        }

        if (GroupExists(app.Id))
        {
            return ApiError.Conflict($"A group with id [{app.Id}] already exists.");
        }

        return Deploy([app], [], NoRestart, null, force, now);
    }

    /// <summary>PUT/PATCH /v2/apps/{id}: the full new definition (already merged for partial updates).</summary>
    public Outcome<DeploymentRef> ReplaceApp(AppDefinition app, bool force, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Deploy([app], [], NoRestart, null, force, now);
    }

    /// <summary>
    /// One deployment for many apps at once (PUT/PATCH /v2/apps with an array, the groups API): the changed definitions
    /// (created or replaced) and the removed ids, planned together so dependencies order the steps.
    /// </summary>
    /// <param name="groups">The group records in effect once the change is made (null: the current ones); their
    /// <c>dependencies</c> order the steps too.</param>
    public Outcome<DeploymentRef> DeployApps(
        IReadOnlyList<AppDefinition> changed, IReadOnlyList<PathId> removed, bool force, DateTimeOffset now, IEnumerable<GroupRecord>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(removed);
        if (removed.FirstOrDefault(id => !_apps.ContainsKey(id)) is { IsEmpty: false } unknown)
        {
            return ApiError.NotFound($"App '{unknown}' does not exist");
        }

        return Deploy(changed, removed, NoRestart, null, force, now, groups: groups);
    }

    /// <summary>PUT /v2/apps/{id} with <c>{"version": …}</c>: back to an earlier stored version.</summary>
    public Outcome<DeploymentRef> RollbackApp(PathId id, DateTimeOffset version, bool force, DateTimeOffset now)
    {
        if (!_versions.TryGetValue(id, out var versions) || !versions.TryGetValue(version, out var earlier))
        {
            return ApiError.NotFound($"App '{id}' does not exist in version {AppTimestamp.Format(version)}");
        }

        return Deploy([earlier with { Version = null }], [], NoRestart, null, force, now);
    }

    public Outcome<DeploymentRef> DeleteApp(PathId id, bool force, DateTimeOffset now)
    {
        if (!_apps.ContainsKey(id))
        {
            return ApiError.NotFound($"App '{id}' does not exist");
        }

        return Deploy([], [id], NoRestart, null, force, now);
    }

    /// <summary>POST /v2/apps/{id}/restart: a new version with the same config, rolled out per the upgrade strategy.</summary>
    public Outcome<DeploymentRef> RestartApp(PathId id, bool force, DateTimeOffset now)
    {
        if (!_apps.TryGetValue(id, out var current))
        {
            return ApiError.NotFound($"App '{id}' does not exist");
        }

        var restarted = AppVersioning.StampRestart(current, now);
        return Deploy([restarted], [], new HashSet<string>(StringComparer.Ordinal) { id.ToString() }, null, force, now, stamped: true);
    }

    /// <summary>
    /// Kills tasks. With <paramref name="scale"/> the app's instances drop by the number killed (a deployment);
    /// otherwise the tasks are replaced. <paramref name="wipe"/> also forgets them at once.
    /// </summary>
    public Outcome<KillResult> KillTasks(IReadOnlyList<string> taskIds, bool scale, bool wipe, bool force, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var found = taskIds.Select(id => _tasks.GetValueOrDefault(id)).OfType<ServiceTask>().ToList();
        if (!scale)
        {
            foreach (var task in found)
            {
                KillTask(task, wipe ? KillReason.Stop : KillReason.Sentenced);
                if (wipe)
                {
                    Forget(task);
                }
            }

            Drive(now);
            return new KillResult(found, null);
        }

        // One deployment scales every app the tasks belong to down by the number of its tasks killed (as Marathon).
        var scaled = new List<AppDefinition>();
        var sentenced = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in found.GroupBy(t => t.AppId))
        {
            if (_apps.TryGetValue(group.Key, out var app))
            {
                scaled.Add(app with { Instances = Math.Max(0, app.Instances - group.Count()) });
                sentenced[group.Key.ToString()] = [.. group.Select(t => t.Id)];
            }
        }

        DeploymentRef? deployment = null;
        if (scaled.Count > 0)
        {
            var outcome = Deploy(scaled, [], NoRestart, sentenced, force, now);
            if (!outcome.IsSuccess)
            {
                return outcome.Error!;
            }

            deployment = outcome.Value;
        }

        return new KillResult(found, deployment);
    }

    /// <summary>
    /// DELETE /v2/deployments/{id}: without force, a new deployment that takes the affected apps back to where this one
    /// started; with force, only stops driving it (tasks stay as they are).
    /// </summary>
    public Outcome<DeploymentRef?> CancelDeployment(string id, bool force, DateTimeOffset now)
    {
        if (!_deployments.TryGetValue(id, out var deployment))
        {
            return ApiError.NotFound($"DeploymentPlan {id} does not exist");
        }

        RemoveDeployment(deployment, succeeded: false, "canceled");
        if (force)
        {
            Drive(now);
            return new Outcome<DeploymentRef?>(null, null);
        }

        var outcome = RollBack(deployment, now);
        return outcome.IsSuccess ? outcome.Value : outcome.Error!;
    }

    /// <summary>DELETE /v2/queue/{id}/delay: queued tasks of the app may launch at once.</summary>
    public bool ResetDelay(PathId id, DateTimeOffset now)
    {
        if (!_apps.ContainsKey(id))
        {
            return false;
        }

        var runtime = RuntimeOf(id);
        runtime.Backoff = runtime.Backoff?.Reset();
        runtime.LaunchNotBefore = DateTimeOffset.MinValue;
        Drive(now);
        return true;
    }

    public IReadOnlyList<DateTimeOffset> VersionsOf(PathId id) =>
        _versions.TryGetValue(id, out var versions) ? [.. versions.Keys.Reverse()] : [];

    public AppDefinition? VersionOf(PathId id, DateTimeOffset version) =>
        _versions.TryGetValue(id, out var versions) ? versions.GetValueOrDefault(version) : null;

    /// <summary>Restores the version history (start-up).</summary>
    public void RestoreVersion(AppDefinition app)
    {
        if (app.Version is { } version)
        {
            VersionsFor(app.Id)[version] = app;
        }
    }

    private Outcome<DeploymentRef> RollBack(DeploymentRecord deployment, DateTimeOffset now)
    {
        var changed = new List<AppDefinition>();
        var removed = new List<PathId>();
        foreach (var appId in deployment.AffectedApps)
        {
            if (deployment.Original.TryGetValue(appId, out var before))
            {
                changed.Add(before with { Version = null });
            }
            else if (_apps.ContainsKey(appId))
            {
                removed.Add(appId);
            }
        }

        return Deploy(changed, removed, NoRestart, null, force: true, now);
    }

    private Outcome<DeploymentRef> Deploy(
        IReadOnlyList<AppDefinition> changed,
        IReadOnlyList<PathId> removed,
        IReadOnlySet<string> restart,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? sentenced,
        bool force,
        DateTimeOffset now,
        bool stamped = false,
        IEnumerable<GroupRecord>? groups = null)
    {
        now = AppTimestamp.Truncate(now);
        var groupDependencies = AppPlanning.GroupDependencies(groups ?? _groups.Values);
        var original = new Dictionary<PathId, AppDefinition>();
        var target = new Dictionary<PathId, AppDefinition>();
        foreach (var app in changed)
        {
            var previous = _apps.GetValueOrDefault(app.Id);
            if (previous is not null)
            {
                original[app.Id] = previous;
            }

            var withPorts = AssignServicePorts(app, previous, changed.Concat(target.Values));
            if (!withPorts.IsSuccess)
            {
                return withPorts.Error!;
            }

            target[app.Id] = stamped ? withPorts.Value! : AppVersioning.Stamp(previous, withPorts.Value!, now);
        }

        foreach (var removedId in removed)
        {
            original[removedId] = _apps[removedId];
        }

        var id = NewUuid().ToString();
        DeploymentPlan plan;
        try
        {
            plan = DeploymentPlanner.Plan(
                id,
                AppTimestamp.Format(now),
                AppPlanning.ToPlanned(original.Values, groupDependencies),
                AppPlanning.ToPlanned(target.Values, groupDependencies),
                new PlanOptions
                {
                    RestartRequested = restart,
                    Sentenced = sentenced ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal),
                });
        }
        catch (DependencyCycleException e)
        {
            return new ApiError(422, $"Dependency cycle: {string.Join(" -> ", e.Cycle)}");
        }

        var conflicts = DeploymentPlanner.FindConflicts(plan, _deployments.Values.Select(d => d.Plan));
        if (conflicts.Count > 0 && !force)
        {
            return ApiError.Locked(conflicts.Select(c => c.Id));
        }

        foreach (var conflict in conflicts)
        {
            RemoveDeployment(_deployments[conflict.Id], succeeded: false, "replaced by a forced deployment");
        }

        foreach (var app in target.Values)
        {
            PutApp(app);
        }

        foreach (var appId in removed)
        {
            _apps.Remove(appId);
            _versions.Remove(appId);
            Outbox.Mutations.Add(ServicesStoreKeys.DeleteApp(appId));
            Outbox.Mutations.AddRange(ServicesStoreKeys.DeleteVersions(appId, VersionsOf(appId)));
        }

        if (!plan.IsEmpty)
        {
            var record = new DeploymentRecord(DeploymentState.Start(plan, now), original, target)
            {
                RestartRequested = restart,
                GroupDependencies = groupDependencies,
            };
            _deployments[id] = record;
            Outbox.Mutations.Add(ServicesStoreKeys.PutDeployment(record));
            Publish(ServicesEvents.DeploymentInfo(record, now));
        }

        Log($"deployment {id}: {string.Join(", ", plan.Steps.SelectMany(s => s.Actions).Select(a => $"{a.Name} {a.AppId}"))}");
        Drive(now, [.. target.Keys, .. removed]);
        return new DeploymentRef(id, now);
    }

    private void PutApp(AppDefinition app)
    {
        _apps[app.Id] = app;
        var versions = VersionsFor(app.Id);
        versions[app.Version!.Value] = app;
        Outbox.Mutations.Add(ServicesStoreKeys.PutApp(app));
        Outbox.Mutations.Add(ServicesStoreKeys.PutVersion(app));
        while (versions.Count > MaxVersions)
        {
            var oldest = versions.Keys.First();
            versions.Remove(oldest);
            Outbox.Mutations.AddRange(ServicesStoreKeys.DeleteVersions(app.Id, [oldest]));
        }
    }

    private SortedDictionary<DateTimeOffset, AppDefinition> VersionsFor(PathId id)
    {
        if (!_versions.TryGetValue(id, out var versions))
        {
            versions = [];
            _versions[id] = versions;
        }

        return versions;
    }

    /// <summary>Service ports: 0 means "pick one" from the range, unique across apps, kept from the previous version.</summary>
    private Outcome<AppDefinition> AssignServicePorts(AppDefinition app, AppDefinition? previous, IEnumerable<AppDefinition>? batch = null)
    {
        // Apps deployed together must not pick the same port: the batch's fixed and already assigned ports count as taken.
        var usedByOthers = _apps.Values.Concat(batch ?? []).Where(a => a.Id != app.Id).SelectMany(ServicePortsOf).Where(p => p > 0).ToHashSet();
        var requested = ServicePortsOf(app);
        if (requested.Count == 0)
        {
            return app;
        }

        if (!ServicePortAllocator.TryAllocate(requested, previous is null ? null : ServicePortsOf(previous), usedByOthers, _options.ServicePorts, out var ports, out var errors))
        {
            var path = app.HasContainerNetworking ? "/container/portMappings" : "/portDefinitions";
            var field = app.HasContainerNetworking ? "servicePort" : "port";
            ValueArray<ValidationError> details = [.. errors.Select(e => new ValidationError($"{path}({e.Index})/{field}", [e.Message]))];
            return new ApiError(422, "Object is not valid") { Body = AppInputError.NotValid(details).ToJson() };
        }

        return WithServicePorts(app, ports);
    }

    public static IReadOnlyList<int> ServicePortsOf(AppDefinition app) => app.HasContainerNetworking
        ? [.. (app.Container?.PortMappings ?? []).Select(m => m.ServicePort)]
        : [.. app.PortDefinitions.Select(p => p.Port)];

    private static AppDefinition WithServicePorts(AppDefinition app, IReadOnlyList<int> ports)
    {
        if (app.HasContainerNetworking && app.Container is { } container)
        {
            return app with { Container = container with { PortMappings = [.. container.PortMappings.Select((m, i) => m with { ServicePort = ports[i] })] } };
        }

        return app with { PortDefinitions = [.. app.PortDefinitions.Select((p, i) => p with { Port = ports[i] })] };
    }
}

/// <summary>What a task kill did: the tasks found, and for <c>scale=true</c> the deployment.</summary>
internal sealed record KillResult(IReadOnlyList<ServiceTask> Tasks, DeploymentRef? Deployment);
