using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Regatta.Protocol;

using Task = System.Threading.Tasks.Task;

namespace Regatta.Cli.Bench;

internal sealed partial class ServicesBenchmark
{
    private static readonly HashSet<string> TerminalStates =
        Enum.GetValues<Regatta.Protocol.V1.TaskState>().Where(TaskStates.IsTerminal).Select(s => ProtoEnumNames.Of(s)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// POST /v2/apps → the app's task TASK_RUNNING on /v2/events, one one-instance app (<c>sleep 1000</c>) at a time on
    /// one real agent; each app is deleted, and its task seen ended, before the next is created.
    /// </summary>
    private async Task LaunchPartAsync(ServicesBenchmarkResult result, CancellationToken cancellationToken)
    {
        var agentPort = BenchHost.FreePort();
        await using var cluster = await StartClusterAsync(
            async (master, workDir) =>
            {
                var agent = await BenchHost.StartRealAgentAsync(
                    master, agentPort, Path.Combine(workDir, "agent"), "cpus:4;mem:4096;disk:10240;ports:[31000-32000]", [], options.Verbose, log, cancellationToken).ConfigureAwait(false);
                return (agent, new List<SimulatedAgent>());
            },
            cancellationToken).ConfigureAwait(false);

        // Keyed "<appId> starting" / "<appId> running" / "<appId> ended": what the loop below waits for next.
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        await using var events = await MarathonEventStream.OpenAsync(
            cluster.Url,
            status =>
            {
                var kind = status.State switch
                {
                    "TASK_RUNNING" => "running",
                    "TASK_STARTING" => "starting",
                    _ => TerminalStates.Contains(status.State) ? "ended" : null,
                };
                if (kind is not null && waiting.TryRemove($"{status.AppId} {kind}", out var done))
                {
                    done.TrySetResult(status.ReceivedAt);
                }
                else if (kind == "ended")
                {
                    log.WriteLine($"bench: task {status.TaskId} {status.State} unexpectedly");
                }
            },
            cancellationToken).ConfigureAwait(false);

        TaskCompletionSource<long> Await(string appId, string kind)
        {
            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[$"{appId} {kind}"] = done;
            return done;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new List<double>();
        var starting = new List<double>();
        var posts = new List<double>();
        var first = double.NaN;
        var cpuBefore = BenchHost.ReadCpuSeconds(cluster.Services!.Id);
        for (var i = 0; i < options.LaunchApps; i++)
        {
            var id = $"/bench/launch/app-{i:D3}";
            var started = Await(id, "starting");
            var running = Await(id, "running");
            var sent = Stopwatch.GetTimestamp();
            using (var created = await http.PostAsync(new Uri(cluster.Url, "/v2/apps"), AppJson(id, 1, options.TaskCpus, options.TaskMem), cancellationToken).ConfigureAwait(false))
            {
                var answered = Stopwatch.GetTimestamp();
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    throw new IOException($"POST /v2/apps ({id}) answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
                }

                if (i > 0)
                {
                    posts.Add(Ms(sent, answered));
                }
            }

            var runningAt = await running.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (i == 0)
            {
                first = Ms(sent, runningAt);
            }
            else
            {
                latencies.Add(Ms(sent, runningAt));
                if (started.Task.IsCompletedSuccessfully)
                {
                    starting.Add(Ms(sent, started.Task.Result));
                }
            }

            waiting.TryRemove($"{id} starting", out _);

            var ended = Await(id, "ended");
            using (var deleted = await http.DeleteAsync(new Uri(cluster.Url, "/v2/apps" + id), cancellationToken).ConfigureAwait(false))
            {
                if (!deleted.IsSuccessStatusCode)
                {
                    throw new IOException($"DELETE /v2/apps{id} answered {(int)deleted.StatusCode}");
                }
            }

            await ended.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }

        var cpu = BenchHost.ReadCpuSeconds(cluster.Services.Id) - cpuBefore;
        if (!await BenchHost.WaitAgentIdleAsync(agentPort, cancellationToken).ConfigureAwait(false))
        {
            log.WriteLine("bench: the agent still had tasks 120 s after the apps were deleted");
        }

        var sorted = latencies.Order().ToArray();
        var sortedPosts = posts.Order().ToArray();
        log.WriteLine($"bench: POST /v2/apps → TASK_RUNNING over {sorted.Length} apps (after one warm-up of {first:F1} ms): " +
            $"median {BenchHost.Percentile(sorted, 0.5)} ms, p90 {BenchHost.Percentile(sorted, 0.9)} ms; medians: POST answered after {BenchHost.Percentile(sortedPosts, 0.5)} ms, " +
            $"TASK_STARTING seen after {BenchHost.Percentile([.. starting.Order()], 0.5)} ms");
        result.Add("launch_apps", options.LaunchApps);
        result.Add("launch_p50_ms", BenchHost.Percentile(sorted, 0.5));
        result.Add("launch_p90_ms", BenchHost.Percentile(sorted, 0.9));
        result.Add("launch_min_ms", sorted.Length == 0 ? double.NaN : Math.Round(sorted[0], 2));
        result.Add("launch_max_ms", sorted.Length == 0 ? double.NaN : Math.Round(sorted[^1], 2));
        result.Add("launch_warmup_ms", Math.Round(first, 2));
        result.Add("launch_post_p50_ms", BenchHost.Percentile(sortedPosts, 0.5));
        result.Add("launch_starting_p50_ms", BenchHost.Percentile([.. starting.Order()], 0.5));
        result.Add("launch_services_cpu_seconds", Math.Round(cpu, 2));
    }
}
