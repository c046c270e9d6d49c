using System.Text.Json;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Http;

/// <summary>
/// <c>/master/state-summary</c>: agents and frameworks without their tasks, each with per-state task counts and
/// the ids on the other side (frameworks with tasks on the agent, agents the framework has tasks on).
/// </summary>
internal static class LegacySummaryJson
{
    // The states Mesos counts in the summary, in its order.
    private static readonly TaskState[] CountedStates =
    [
        TaskState.TaskStaging, TaskState.TaskStarting, TaskState.TaskRunning, TaskState.TaskKilling,
        TaskState.TaskFinished, TaskState.TaskKilled, TaskState.TaskFailed, TaskState.TaskLost,
        TaskState.TaskError, TaskState.TaskUnreachable,
    ];

    public static async ValueTask WriteAsync(JsonStream stream, MasterSnapshot snapshot)
    {
        var agentCounts = new Dictionary<string, Dictionary<TaskState, int>>(StringComparer.Ordinal);
        var frameworkCounts = new Dictionary<string, Dictionary<TaskState, int>>(StringComparer.Ordinal);
        var frameworksOnAgent = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var agentsOfFramework = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var framework in snapshot.Frameworks)
        {
            foreach (var task in AllTasks(framework))
            {
                var agentId = task.AgentId?.Value ?? string.Empty;
                Increment(agentCounts, agentId, task.State);
                Increment(frameworkCounts, framework.Id, task.State);
                Add(frameworksOnAgent, agentId, framework.Id);
                Add(agentsOfFramework, framework.Id, agentId);
            }
        }

        var writer = stream.Writer;
        writer.WriteStartObject();
        writer.WriteString("hostname", snapshot.MasterInfo.Hostname);
        if (snapshot.Cluster is { } cluster)
        {
            writer.WriteString("cluster", cluster);
        }

        writer.WriteStartArray("slaves");
        foreach (var agent in snapshot.Agents)
        {
            writer.WriteStartObject();
            LegacyAgentJson.WriteFields(writer, agent);
            WriteCounts(writer, agentCounts.GetValueOrDefault(agent.Id));
            LegacyJson.WriteStrings(writer, "framework_ids", frameworksOnAgent.GetValueOrDefault(agent.Id) ?? []);
            writer.WriteEndObject();
            await stream.CheckpointAsync().ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("frameworks");
        foreach (var framework in snapshot.Frameworks)
        {
            writer.WriteStartObject();
            LegacyFrameworkJson.WriteSummaryFields(writer, framework);
            WriteCounts(writer, frameworkCounts.GetValueOrDefault(framework.Id));
            LegacyJson.WriteStrings(writer, "slave_ids", agentsOfFramework.GetValueOrDefault(framework.Id) ?? []);
            writer.WriteEndObject();
            await stream.CheckpointAsync().ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static IEnumerable<MesosTask> AllTasks(FrameworkSnapshot framework) =>
        framework.Tasks.Concat(framework.UnreachableTasks).Concat(framework.CompletedTasks);

    private static void WriteCounts(Utf8JsonWriter writer, Dictionary<TaskState, int>? counts)
    {
        foreach (var state in CountedStates)
        {
            writer.WriteNumber(JsonEnumNames.Name(state), counts?.GetValueOrDefault(state) ?? 0);
        }
    }

    private static void Increment(Dictionary<string, Dictionary<TaskState, int>> counts, string key, TaskState state)
    {
        if (!counts.TryGetValue(key, out var byState))
        {
            counts[key] = byState = [];
        }

        byState[state] = byState.GetValueOrDefault(state) + 1;
    }

    private static void Add(Dictionary<string, SortedSet<string>> sets, string key, string value)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }
}
