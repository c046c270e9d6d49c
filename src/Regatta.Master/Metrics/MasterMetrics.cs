using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Metrics;

/// <summary>
/// Computes Mesos's master metrics (names exactly as Mesos exports them) from a snapshot and the machine's
/// figures. Pure: same inputs, same output, sorted by name.
/// </summary>
internal static class MasterMetrics
{
    private static readonly string[] ScalarResources = ["cpus", "mem", "disk", "gpus"];

    // The task-state gauges Mesos exports (it has no master/tasks_unknown).
    private static readonly (TaskState State, string Name)[] TaskStateMetrics =
    [
        (TaskState.TaskStaging, "master/tasks_staging"),
        (TaskState.TaskStarting, "master/tasks_starting"),
        (TaskState.TaskRunning, "master/tasks_running"),
        (TaskState.TaskKilling, "master/tasks_killing"),
        (TaskState.TaskUnreachable, "master/tasks_unreachable"),
        (TaskState.TaskFinished, "master/tasks_finished"),
        (TaskState.TaskFailed, "master/tasks_failed"),
        (TaskState.TaskKilled, "master/tasks_killed"),
        (TaskState.TaskLost, "master/tasks_lost"),
        (TaskState.TaskError, "master/tasks_error"),
        (TaskState.TaskDropped, "master/tasks_dropped"),
        (TaskState.TaskGone, "master/tasks_gone"),
        (TaskState.TaskGoneByOperator, "master/tasks_gone_by_operator"),
    ];

    public static IReadOnlyList<KeyValuePair<string, double>> Collect(MasterSnapshot snapshot, SystemStats system)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["master/elected"] = snapshot.ElectedTime is null ? 0 : 1,
            ["master/uptime_secs"] = Math.Max(0, (snapshot.TakenAt - snapshot.StartTime).TotalSeconds),
            ["master/slaves_active"] = snapshot.Agents.Count(a => a.Active),
            ["master/slaves_inactive"] = snapshot.Agents.Count(a => !a.Active),
            ["master/slaves_connected"] = snapshot.Agents.Count(a => a.Connected),
            ["master/slaves_disconnected"] = snapshot.Agents.Count(a => !a.Connected),
            ["master/slaves_unreachable"] = snapshot.UnreachableAgents.Count,
            ["master/frameworks_active"] = snapshot.Frameworks.Count(f => f.Active),
            ["master/frameworks_inactive"] = snapshot.Frameworks.Count(f => !f.Active),
            ["master/frameworks_connected"] = snapshot.Frameworks.Count(f => f.Connected),
            ["master/frameworks_disconnected"] = snapshot.Frameworks.Count(f => !f.Connected),
            ["master/outstanding_offers"] = snapshot.Offers.Count(),
        };

        AddTaskStates(metrics, snapshot);
        AddResources(metrics, snapshot);
        foreach (var (name, value) in snapshot.Counters.ByMetricName())
        {
            metrics[name] = value;
        }

        AddAllocator(metrics, snapshot);
        metrics["system/cpus_total"] = system.CpusTotal;
        AddIfKnown(metrics, "system/mem_total_bytes", system.MemTotalBytes);
        AddIfKnown(metrics, "system/mem_free_bytes", system.MemFreeBytes);
        AddIfKnown(metrics, "system/load_1min", system.Load1Min);
        AddIfKnown(metrics, "system/load_5min", system.Load5Min);
        AddIfKnown(metrics, "system/load_15min", system.Load15Min);
        return [.. metrics];
    }

    private static void AddTaskStates(SortedDictionary<string, double> metrics, MasterSnapshot snapshot)
    {
        // Gauges over the tasks the master still holds: active ones, and the terminal ones it remembers
        // (unacknowledged, completed, and those of completed frameworks).
        var counts = new Dictionary<TaskState, int>();
        foreach (var framework in snapshot.Frameworks.Concat(snapshot.CompletedFrameworks))
        {
            foreach (var task in framework.Tasks.Concat(framework.UnreachableTasks).Concat(framework.CompletedTasks))
            {
                counts[task.State] = counts.GetValueOrDefault(task.State) + 1;
            }
        }

        foreach (var (state, name) in TaskStateMetrics)
        {
            metrics[name] = counts.GetValueOrDefault(state);
        }
    }

    private static void AddResources(SortedDictionary<string, double> metrics, MasterSnapshot snapshot)
    {
        var total = ResourceSet.Empty;
        var used = ResourceSet.Empty;
        foreach (var agent in snapshot.Agents)
        {
            total += agent.Total;
            used += agent.Used;
        }

        foreach (var name in ScalarResources)
        {
            var totalValue = total.Scalar(name);
            var usedValue = used.Scalar(name);
            metrics[$"master/{name}_total"] = totalValue;
            metrics[$"master/{name}_used"] = usedValue;
            metrics[$"master/{name}_percent"] = totalValue == 0 ? 0 : usedValue / totalValue;

            // Regatta agents offer no revocable resources.
            metrics[$"master/{name}_revocable_total"] = 0;
            metrics[$"master/{name}_revocable_used"] = 0;
            metrics[$"master/{name}_revocable_percent"] = 0;
        }

        foreach (var role in snapshot.Roles)
        {
            metrics[$"allocator/mesos/roles/{role.Name}/shares/dominant"] = DominantShare(role.Allocated + role.Offered, total);
        }
    }

    private static void AddAllocator(SortedDictionary<string, double> metrics, MasterSnapshot snapshot)
    {
        var allocator = snapshot.Allocator;
        metrics["allocator/mesos/allocation_runs"] = allocator.Runs;
        metrics["allocator/mesos/allocation_run_ms"] = allocator.LastRunMs;
        metrics["allocator/mesos/allocation_run_ms/count"] = allocator.Runs;
        metrics["allocator/mesos/allocation_run_ms/max"] = allocator.MaxRunMs;
        metrics["allocator/mesos/allocation_run_ms/mean"] = allocator.Runs == 0 ? 0 : allocator.TotalRunMs / allocator.Runs;
        metrics["allocator/mesos/allocation_run_latency_ms"] = allocator.LastLatencyMs;
    }

    /// <summary>DRF's dominant share: the largest fraction of any scalar resource of the cluster the role holds.</summary>
    private static double DominantShare(ResourceSet held, ResourceSet total)
    {
        var share = 0.0;
        foreach (var (name, value) in held.ScalarTotals())
        {
            var clusterTotal = total.Scalar(name);
            if (clusterTotal > 0)
            {
                share = Math.Max(share, value / clusterTotal);
            }
        }

        return share;
    }

    private static void AddIfKnown(SortedDictionary<string, double> metrics, string name, double? value)
    {
        if (value is { } known)
        {
            metrics[name] = known;
        }
    }
}
