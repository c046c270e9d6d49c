using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// The whole state as immutable values. Cost is a reference copy per task and offer plus small
    /// per-role dictionaries: protobuf messages held by records are copy-on-write, so they are shared as is.
    /// </summary>
    public MasterSnapshot Snapshot(DateTimeOffset now)
    {
        var agents = _agents.Values
            .Where(a => a.Phase != AgentPhase.Recovering)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(SnapshotOf)
            .ToList();
        var recovered = _agents.Values
            .Where(a => a.Phase == AgentPhase.Recovering)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Info)
            .ToList();
        var unreachable = _unreachableAgents.Values.OrderBy(a => a.Info.Id.Value, StringComparer.Ordinal).ToList();
        var frameworks = _frameworks.Values.OrderBy(f => f.Id, StringComparer.Ordinal).Select(SnapshotOf).ToList();
        return new MasterSnapshot(
            MasterInfo,
            StartTime,
            StartTime,
            _options.Flags,
            _options.Cluster,
            agents,
            recovered,
            unreachable,
            frameworks,
            [.. _completedFrameworks],
            RoleSnapshots(),
            new Dictionary<string, double>(_weights, StringComparer.Ordinal),
            new MasterCounterValues([.. _counters]),
            _allocatorStats,
            now);
    }

    private AgentSnapshot SnapshotOf(AgentRecord agent) => new(
        agent.Info,
        agent.Pid,
        agent.Version,
        agent.RegisteredTime,
        agent.ReregisteredTime,
        agent.IsActive,
        agent.Phase == AgentPhase.Connected,
        agent.Deactivated,
        agent.Capabilities,
        agent.Total,
        agent.Allocated.Copy(),
        agent.Offered.Copy());

    private FrameworkSnapshot SnapshotOf(FrameworkRecord framework)
    {
        var tasks = new List<MesosTask>(framework.Tasks.Count);
        var unreachableTasks = new List<MesosTask>();
        foreach (var task in framework.Tasks.Values)
        {
            (task.Proto.State == TaskState.TaskUnreachable ? unreachableTasks : tasks).Add(task.Proto);
        }

        var offers = new List<OfferSnapshot>(framework.OfferIds.Count);
        foreach (var offerId in framework.OfferIds)
        {
            var offer = _offers[offerId];
            offers.Add(new OfferSnapshot(offer.Proto, offer.Role, offer.Resources, offer.Created));
        }

        return new FrameworkSnapshot(
            framework.Info,
            framework.Active,
            framework.Connected,
            framework.Recovered,
            framework.RegisteredTime,
            framework.ReregisteredTime,
            framework.UnregisteredTime,
            framework.Roles,
            [.. framework.SuppressedRoles.Order(StringComparer.Ordinal)],
            offers,
            tasks,
            unreachableTasks,
            [.. framework.CompletedTasks],
            framework.Allocated.Copy(),
            framework.Offered.Copy());
    }

    private List<RoleSnapshot> RoleSnapshots()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(_weights.Keys);
        if (_options.Roles is { } whitelist)
        {
            names.UnionWith(whitelist);
        }

        var frameworksByRole = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var allocated = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
        var offered = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
        foreach (var framework in _frameworks.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            foreach (var role in framework.Roles)
            {
                names.Add(role);
                if (!frameworksByRole.TryGetValue(role, out var ids))
                {
                    ids = [];
                    frameworksByRole.Add(role, ids);
                }

                ids.Add(framework.Id);
            }

            Accumulate(allocated, framework.Allocated, names);
            Accumulate(offered, framework.Offered, names);
        }

        var reserved = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
        foreach (var agent in _agents.Values)
        {
            if (agent.Total.Reserved.IsEmpty)
            {
                continue;
            }

            foreach (var (role, resources) in agent.Total.Reserved.ByRole())
            {
                names.Add(role);
                reserved[role] = reserved.TryGetValue(role, out var sum) ? sum + resources : resources;
            }
        }

        return [.. names.Select(name => new RoleSnapshot(
            name,
            _weights.GetValueOrDefault(name, 1.0),
            frameworksByRole.TryGetValue(name, out var ids) ? ids : [],
            allocated.GetValueOrDefault(name) ?? ResourceSet.Empty,
            offered.GetValueOrDefault(name) ?? ResourceSet.Empty,
            reserved.GetValueOrDefault(name) ?? ResourceSet.Empty))];
    }

    private static void Accumulate(Dictionary<string, ResourceSet> into, ResourceLedger ledger, SortedSet<string> names)
    {
        foreach (var (role, resources) in ledger.Entries)
        {
            names.Add(role);
            into[role] = into.TryGetValue(role, out var sum) ? sum + resources : resources;
        }
    }
}
