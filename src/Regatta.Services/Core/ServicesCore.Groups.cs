using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Model;

namespace Regatta.Services.Core;

internal sealed partial class ServicesCore
{
    private readonly Dictionary<PathId, GroupRecord> _groups = [];

    /// <summary>The groups that exist on their own (see <see cref="GroupRecord"/>); others are implied by app ids.</summary>
    public IReadOnlyDictionary<PathId, GroupRecord> Groups => _groups;

    /// <summary>Restores a stored group record (start-up).</summary>
    public void RestoreGroup(GroupRecord group)
    {
        ArgumentNullException.ThrowIfNull(group);
        _groups[group.Id] = group;
    }

    /// <summary>The root always exists; another group exists when it has a record or encloses an app or a recorded group.</summary>
    public bool GroupExists(PathId id) =>
        id.IsRoot
        || _groups.Keys.Any(g => g == id || g.IsDescendantOf(id))
        || _apps.Keys.Any(a => a.IsDescendantOf(id));

    /// <summary>
    /// A change through the groups API (or many apps at once): the apps go out in one deployment, then the group
    /// records follow, stamped with its version. Publishes <c>group_change_success</c>, or <c>group_change_failed</c>
    /// when the core refuses the change (a lock, a dependency cycle, service ports).
    /// </summary>
    public Outcome<DeploymentRef> ChangeGroup(PathId groupId, GroupChange change, bool force, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var outcome = DeployApps(change.Changed, change.Removed, force, now, GroupsAfter(change));
        if (!outcome.IsSuccess)
        {
            Publish(new GroupChangeFailedEvent(groupId, AppTimestamp.Truncate(now), outcome.Error!.Message) { Timestamp = now });
            return outcome;
        }

        var version = outcome.Value!.Version;
        foreach (var id in change.RemovedGroups)
        {
            if (_groups.Remove(id))
            {
                Outbox.Mutations.Add(GroupRecord.ToDelete(id));
            }
        }

        foreach (var group in change.PutGroups)
        {
            var stamped = group with { Version = version };
            _groups[group.Id] = stamped;
            Outbox.Mutations.Add(stamped.ToPut());
        }

        Publish(new GroupChangeSuccessEvent(groupId, version) { Timestamp = now });
        return outcome;
    }

    /// <summary>The group records as they will be once <paramref name="change"/> is made.</summary>
    private List<GroupRecord> GroupsAfter(GroupChange change)
    {
        var after = new Dictionary<PathId, GroupRecord>(_groups);
        foreach (var id in change.RemovedGroups)
        {
            after.Remove(id);
        }

        foreach (var group in change.PutGroups)
        {
            after[group.Id] = group;
        }

        return [.. after.Values];
    }

    /// <summary>
    /// <c>dryRun=true</c>: the steps <see cref="ChangeGroup"/> would deploy, planned from the same inputs (service ports
    /// filled in, versions stamped as <paramref name="now"/>), without changing anything.
    /// </summary>
    public Outcome<DeploymentPlan> PlanGroupChange(GroupChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        now = AppTimestamp.Truncate(now);
        var original = new Dictionary<PathId, AppDefinition>();
        var target = new Dictionary<PathId, AppDefinition>();
        foreach (var app in change.Changed)
        {
            var previous = _apps.GetValueOrDefault(app.Id);
            if (previous is not null)
            {
                original[app.Id] = previous;
            }

            var withPorts = AssignServicePorts(app, previous, change.Changed.Concat(target.Values));
            if (!withPorts.IsSuccess)
            {
                return withPorts.Error!;
            }

            target[app.Id] = AppVersioning.Stamp(previous, withPorts.Value!, now);
        }

        foreach (var id in change.Removed.Where(_apps.ContainsKey))
        {
            original[id] = _apps[id];
        }

        try
        {
            var groupDependencies = AppPlanning.GroupDependencies(GroupsAfter(change));
            return DeploymentPlanner.Plan(
                "dry-run",
                AppTimestamp.Format(now),
                AppPlanning.ToPlanned(original.Values, groupDependencies),
                AppPlanning.ToPlanned(target.Values, groupDependencies));
        }
        catch (DependencyCycleException e)
        {
            return new ApiError(422, $"Dependency cycle: {string.Join(" -> ", e.Cycle)}");
        }
    }
}

/// <summary>
/// What a group change does to the core's state: apps created or replaced, apps removed, group records written
/// (their version is set when the change is applied) and group records deleted.
/// </summary>
internal sealed record GroupChange(
    IReadOnlyList<AppDefinition> Changed,
    IReadOnlyList<PathId> Removed,
    IReadOnlyList<GroupRecord> PutGroups,
    IReadOnlyList<PathId> RemovedGroups);
