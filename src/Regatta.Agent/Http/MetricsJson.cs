using System.Text.Json.Nodes;
using Regatta.Agent.Core;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Http;

/// <summary>The agent's <c>/metrics/snapshot</c>: Mesos's <c>slave/*</c> gauges and counters (percentages are 0..1).</summary>
internal static class MetricsJson
{
    private static readonly (string Name, V1.TaskState State)[] LiveStates =
    [
        ("staging", V1.TaskState.TaskStaging), ("starting", V1.TaskState.TaskStarting), ("running", V1.TaskState.TaskRunning),
        ("killing", V1.TaskState.TaskKilling),
    ];

    private static readonly (string Name, V1.TaskState State)[] TerminalStates =
    [
        ("finished", V1.TaskState.TaskFinished), ("failed", V1.TaskState.TaskFailed), ("killed", V1.TaskState.TaskKilled),
        ("lost", V1.TaskState.TaskLost), ("error", V1.TaskState.TaskError), ("gone", V1.TaskState.TaskGone),
    ];

    public static JsonObject Build(AgentIdentity identity, AgentSnapshot snapshot, DateTimeOffset now)
    {
        var metrics = new JsonObject
        {
            ["slave/registered"] = snapshot.Registered ? 1.0 : 0.0,
            ["slave/uptime_secs"] = (now - identity.StartTime).TotalSeconds,
        };
        foreach (var (name, state) in LiveStates)
        {
            metrics[$"slave/tasks_{name}"] = (double)snapshot.LiveTaskStates.GetValueOrDefault(state);
        }

        foreach (var (name, state) in TerminalStates)
        {
            metrics[$"slave/tasks_{name}"] = (double)snapshot.TerminalTaskCounts.GetValueOrDefault(state);
        }

        var runningExecutors = snapshot.Frameworks.Sum(f => f.Executors.Count(e => e.Tasks.Any(t => !Protocol.TaskStates.IsTerminal(t.State))));
        metrics["slave/executors_running"] = (double)runningExecutors;
        metrics["slave/executors_terminated"] = (double)snapshot.TerminalTaskCounts.Values.Sum();
        metrics["slave/frameworks_active"] = (double)snapshot.Frameworks.Count;
        foreach (var resource in new[] { "cpus", "mem", "disk", "gpus" })
        {
            var total = identity.Resources.Scalar(resource);
            var used = snapshot.UsedScalars.GetValueOrDefault(resource);
            metrics[$"slave/{resource}_total"] = total;
            metrics[$"slave/{resource}_used"] = used;
            metrics[$"slave/{resource}_percent"] = total > 0 ? used / total : 0.0;
        }

        metrics["system/cpus_total"] = (double)Environment.ProcessorCount;
        return metrics;
    }
}
