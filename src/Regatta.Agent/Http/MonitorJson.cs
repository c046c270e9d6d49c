using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Regatta.Agent.Core;
using Regatta.Agent.Isolation;

namespace Regatta.Agent.Http;

/// <summary>
/// The agent's <c>/monitor/statistics</c> (and <c>.json</c>): one entry per running executor with its container's
/// ResourceStatistics (Mesos's keys), plus the isolation counters of <c>/metrics/snapshot</c>.
/// </summary>
internal static class MonitorJson
{
    public static IResult Reply(HttpContext context, AgentHttpContext agent, string name)
    {
        if (name is not ("statistics" or "statistics.json"))
        {
            return HttpReplies.Error(404, $"No such endpoint: /monitor/{name} (try /monitor/statistics)");
        }

        return agent.Snapshot is { } snapshot ? HttpReplies.Json(context, Build(snapshot(), agent.Statistics)) : HttpReplies.NotReady();
    }

    public static JsonArray Build(AgentSnapshot snapshot, IContainerStatistics? statistics)
    {
        var entries = new JsonArray();
        if (statistics is null)
        {
            return entries;
        }

        foreach (var framework in snapshot.Frameworks)
        {
            foreach (var executor in framework.Executors)
            {
                if (executor.ContainerId is not { } containerId
                    || !executor.Tasks.Any(t => !Protocol.TaskStates.IsTerminal(t.State))
                    || statistics.Usage(containerId) is not { } usage)
                {
                    continue;
                }

                entries.Add(new JsonObject
                {
                    ["executor_id"] = executor.Id,
                    ["executor_name"] = executor.Name,
                    ["framework_id"] = executor.FrameworkId,
                    ["source"] = executor.Source,
                    ["statistics"] = Statistics(usage),
                });
            }
        }

        return entries;
    }

    /// <summary>Adds the containerizer counters Mesos publishes under <c>containerizer/mesos/</c>.</summary>
    public static JsonObject AddMetrics(JsonObject metrics, IContainerStatistics? statistics)
    {
        metrics["containerizer/mesos/container_destroy_errors"] = (double)(statistics?.ContainerDestroyErrors ?? 0);
        return metrics;
    }

    internal static JsonObject Statistics(ContainerStatistics usage)
    {
        var json = new JsonObject { ["timestamp"] = usage.Timestamp };
        Add(json, "cpus_user_time_secs", usage.CpusUserTimeSecs);
        Add(json, "cpus_system_time_secs", usage.CpusSystemTimeSecs);
        Add(json, "cpus_limit", usage.CpusLimit);
        Add(json, "mem_rss_bytes", usage.MemRssBytes);
        Add(json, "mem_limit_bytes", usage.MemLimitBytes);
        Add(json, "mem_total_bytes", usage.MemTotalBytes);
        Add(json, "processes", usage.Processes);
        return json;
    }

    private static void Add(JsonObject json, string key, double? value)
    {
        if (value is { } v)
        {
            json[key] = v;
        }
    }

    private static void Add(JsonObject json, string key, long? value)
    {
        if (value is { } v)
        {
            json[key] = v;
        }
    }
}
