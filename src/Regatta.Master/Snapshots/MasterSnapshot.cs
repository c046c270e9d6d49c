using Regatta.Protocol.V1;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Snapshots;

/// <summary>
/// An immutable picture of the whole master taken inside the actor in one turn: every list and every protobuf
/// message it references is never mutated afterwards, so it can be serialized on any thread. Built cheaply
/// (references to copy-on-write records), rendered outside the actor by the operator endpoints.
/// </summary>
/// <param name="MasterInfo">This master (id, ip, port, pid, hostname, version, address).</param>
/// <param name="StartTime">When this master process started.</param>
/// <param name="ElectedTime">When it became leader; null while not leading.</param>
/// <param name="Flags">Flag name → value for /master/state "flags" and GET_FLAGS.</param>
/// <param name="Cluster">The --cluster name, if any.</param>
/// <param name="Agents">Agents that registered with this master (connected or not), ordered by id.</param>
/// <param name="RecoveredAgents">Agents known from the registry that have not re-registered since the restart.</param>
/// <param name="UnreachableAgents">Agents marked unreachable, with the time they were marked.</param>
/// <param name="Frameworks">Registered frameworks (active, disconnected within failover, or recovered), ordered by id.</param>
/// <param name="CompletedFrameworks">Removed frameworks, newest last, at most --max_completed_frameworks.</param>
/// <param name="Roles">Roles with a weight, a framework or an allocation, ordered by name.</param>
/// <param name="Weights">Role weights currently in force (--weights plus updates).</param>
/// <param name="Counters">Monotonic counters for /metrics/snapshot.</param>
/// <param name="Allocator">Allocation run statistics.</param>
/// <param name="TakenAt">The master's clock when the snapshot was taken.</param>
internal sealed record MasterSnapshot(
    MasterInfo MasterInfo,
    DateTimeOffset StartTime,
    DateTimeOffset? ElectedTime,
    IReadOnlyDictionary<string, string> Flags,
    string? Cluster,
    IReadOnlyList<AgentSnapshot> Agents,
    IReadOnlyList<AgentInfo> RecoveredAgents,
    IReadOnlyList<UnreachableAgentSnapshot> UnreachableAgents,
    IReadOnlyList<FrameworkSnapshot> Frameworks,
    IReadOnlyList<FrameworkSnapshot> CompletedFrameworks,
    IReadOnlyList<RoleSnapshot> Roles,
    IReadOnlyDictionary<string, double> Weights,
    MasterCounterValues Counters,
    AllocatorStats Allocator,
    DateTimeOffset TakenAt)
{
    /// <summary>The master's UPID string, e.g. <c>master@127.0.0.1:5050</c>.</summary>
    public string Pid => MasterInfo.Pid;

    /// <summary>Every task of every framework (active and unreachable; not completed).</summary>
    public IEnumerable<MesosTask> Tasks => Frameworks.SelectMany(f => f.Tasks.Concat(f.UnreachableTasks));

    /// <summary>Outstanding offers of every framework.</summary>
    public IEnumerable<OfferSnapshot> Offers => Frameworks.SelectMany(f => f.Offers);
}
