using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Regatta.Protocol.V1;

using Task = System.Threading.Tasks.Task;

namespace Regatta.Cli.Bench;

internal sealed partial class ServicesBenchmark
{
    private const string ListPath = "/v2/apps?embed=apps.tasks";

    /// <summary>
    /// Many apps on simulated agents: created with POST /v2/apps (a few requests in flight), timed until every task is
    /// TASK_RUNNING; then <c>GET /v2/apps?embed=apps.tasks</c> one request at a time and under wrk, after wrk on
    /// <c>/ping</c> as the baseline of the same machine at the same moment.
    /// </summary>
    private async Task ListPartAsync(ServicesBenchmarkResult result, CancellationToken cancellationToken)
    {
        IReadOnlyList<Resource> resources =
        [
            BenchHost.Scalar("cpus", options.AgentCpus),
            BenchHost.Scalar("mem", options.AgentMem),
            BenchHost.Scalar("disk", 102400),
            BenchHost.Ranges("ports", 31000, 32000),
        ];
        await using var cluster = await StartClusterAsync(
            async (master, _) =>
            {
                var agents = await BenchHost.ConnectSimulatedAgentsAsync(master, options.Agents, resources, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"bench: {agents.Count} simulated agents registered");
                return ((Process?)null, agents);
            },
            cancellationToken).ConfigureAwait(false);

        var total = options.Apps * options.TasksPerApp;
        var running = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var allRunning = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = 0;
        await using var events = await MarathonEventStream.OpenAsync(
            cluster.Url,
            status =>
            {
                if (status.State == "TASK_RUNNING")
                {
                    if (running.TryAdd(status.TaskId, 0) && running.Count >= total)
                    {
                        allRunning.TrySetResult(status.ReceivedAt);
                    }
                }
                else if (TerminalStates.Contains(status.State) && Interlocked.Increment(ref ended) <= 5)
                {
                    log.WriteLine($"bench: task {status.TaskId} {status.State}");
                }
            },
            cancellationToken).ConfigureAwait(false);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.CreateConcurrency + 4 }) { Timeout = TimeSpan.FromMinutes(2) };
        var services = cluster.Services!;
        var servicesCpu = BenchHost.ReadCpuSeconds(services.Id);
        var masterCpu = BenchHost.ReadCpuSeconds(cluster.Master!.Id);
        var started = Stopwatch.GetTimestamp();
        var postsMs = new ConcurrentBag<double>();
        var batch = Math.Max(1, options.CreateBatch);
        log.WriteLine($"bench: creating {options.Apps} apps × {options.TasksPerApp} tasks, " +
            (batch == 1 ? "POST /v2/apps for each" : $"PUT /v2/apps with {batch} apps per request") + $" ({options.CreateConcurrency} requests in flight)");
        var creating = Parallel.ForEachAsync(
            Enumerable.Range(0, options.Apps).Chunk(batch),
            new ParallelOptions { MaxDegreeOfParallelism = options.CreateConcurrency, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var ids = chunk.Select(i => $"/bench/list/app-{i:D4}").ToList();
                var sent = Stopwatch.GetTimestamp();
                using var created = batch == 1
                    ? await http.PostAsync(new Uri(cluster.Url, "/v2/apps"), AppJson(ids[0], options.TasksPerApp, options.TaskCpus, options.TaskMem), token).ConfigureAwait(false)
                    : await http.PutAsync(new Uri(cluster.Url, "/v2/apps"), AppsJson(ids, options.TasksPerApp, options.TaskCpus, options.TaskMem), token).ConfigureAwait(false);
                if (!created.IsSuccessStatusCode)
                {
                    throw new IOException($"{(batch == 1 ? "POST" : "PUT")} /v2/apps ({ids[0]}…) answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(token).ConfigureAwait(false)}");
                }

                postsMs.Add(Ms(sent, Stopwatch.GetTimestamp()));
            });
        var postsDoneAt = 0L;
        long allRunningAt;
        while (true)
        {
            var tick = Task.Delay(2000, cancellationToken);
            var winner = postsDoneAt == 0
                ? await Task.WhenAny(allRunning.Task, events.Completion, creating, tick).ConfigureAwait(false)
                : await Task.WhenAny(allRunning.Task, events.Completion, tick).ConfigureAwait(false);
            if (creating.IsCompleted && postsDoneAt == 0)
            {
                await creating.ConfigureAwait(false);
                postsDoneAt = Stopwatch.GetTimestamp();
                log.WriteLine($"bench: {options.Apps} apps created in {Ms(started, postsDoneAt) / 1000:F1} s");
            }

            if (allRunning.Task.IsCompleted)
            {
                allRunningAt = await allRunning.Task.ConfigureAwait(false);
                break;
            }

            if (winner == events.Completion)
            {
                log.WriteLine("bench: the event stream ended (dropped as a slow consumer?); counting through GET /v2/apps instead");
                allRunningAt = await PollAllRunningAsync(http, cluster.Url, total, cancellationToken).ConfigureAwait(false);
                break;
            }

            if (winner == tick)
            {
                log.WriteLine($"bench: {running.Count}/{total} tasks running after {Ms(started, Stopwatch.GetTimestamp()) / 1000:F1} s (load average {BenchHost.LoadAverage()})");
            }
        }

        await creating.ConfigureAwait(false);
        postsDoneAt = postsDoneAt == 0 ? Stopwatch.GetTimestamp() : postsDoneAt;
        var deploySeconds = Ms(started, allRunningAt) / 1000;
        servicesCpu = BenchHost.ReadCpuSeconds(services.Id) - servicesCpu;
        masterCpu = BenchHost.ReadCpuSeconds(cluster.Master.Id) - masterCpu;
        log.WriteLine($"bench: all {total} tasks running {deploySeconds:F2} s after the first POST ({total / deploySeconds:F0} tasks/s; services CPU {servicesCpu:F1} s, master CPU {masterCpu:F1} s)");
        var sortedPosts = postsMs.Order().ToArray();
        result.Add("agents", options.Agents);
        result.Add("apps", options.Apps);
        result.Add("tasks", total);
        result.Add("deploy_seconds", Math.Round(deploySeconds, 2));
        result.Add("deploy_tasks_per_second", Math.Round(total / deploySeconds, 1));
        result.Add("create_seconds", Math.Round(Ms(started, postsDoneAt) / 1000, 2));
        result.Add("create_batch", batch);
        result.Add("create_request_p50_ms", BenchHost.Percentile(sortedPosts, 0.5));
        result.Add("create_request_p99_ms", BenchHost.Percentile(sortedPosts, 0.99));
        result.Add("deploy_services_cpu_seconds", Math.Round(servicesCpu, 2));
        result.Add("deploy_master_cpu_seconds", Math.Round(masterCpu, 2));

        await WaitNoDeploymentsAsync(http, cluster.Url, cancellationToken).ConfigureAwait(false);
        result.Add("services_rss_mb", BenchHost.ReadRssMb(services.Id));
        await MeasureListingAsync(result, http, cluster.Url, total, cancellationToken).ConfigureAwait(false);
        if (options.Hold > TimeSpan.Zero)
        {
            log.WriteLine($"bench: holding the cluster for {options.Hold.TotalSeconds:F0} s: services on {cluster.Url}, pid {services.Id}");
            await Task.Delay(options.Hold, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The listing checked once (every task there and RUNNING), then timed alone and under wrk beside /ping.</summary>
    private async Task MeasureListingAsync(ServicesBenchmarkResult result, HttpClient http, Uri services, int total, CancellationToken cancellationToken)
    {
        var list = new Uri(services, ListPath);
        var body = await http.GetByteArrayAsync(list, cancellationToken).ConfigureAwait(false);
        var apps = JsonDocument.Parse(body).RootElement.GetProperty("apps");
        var listed = apps.EnumerateArray().SelectMany(a => a.GetProperty("tasks").EnumerateArray()).Count(t => t.GetProperty("state").GetString() == "TASK_RUNNING");
        if (apps.GetArrayLength() != options.Apps || listed != total)
        {
            log.WriteLine($"bench: GET {ListPath} lists {apps.GetArrayLength()} apps and {listed} running tasks, expected {options.Apps} and {total}");
            result.Complete = false;
        }

        result.Add("list_bytes", body.LongLength);

        // One request at a time: the cost of one listing without queueing behind others.
        var alone = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            _ = await http.GetByteArrayAsync(list, cancellationToken).ConfigureAwait(false);
            alone.Add(Ms(sent, Stopwatch.GetTimestamp()));
        }

        var sortedAlone = alone.Order().ToArray();
        result.Add("list_alone_p50_ms", BenchHost.Percentile(sortedAlone, 0.5));
        result.Add("list_alone_max_ms", BenchHost.Percentile(sortedAlone, 1));
        log.WriteLine($"bench: GET {ListPath} ({body.Length / 1024.0 / 1024:F1} MB): {BenchHost.Percentile(sortedAlone, 0.5)} ms median, one request at a time");

        var wrk = options.WrkPath!;
        var ping = await Wrk.RunAsync(wrk, new Uri(services, "/ping"), options.WrkThreads, options.WrkConnections, options.WrkDuration, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"bench: {ping.Command}: {ping.RequestsPerSecond:F0} req/s, p50 {ping.P50Ms} ms, p99 {ping.P99Ms} ms");
        result.AddWrk("ping", ping);
        // A short unrecorded run first, so the timed run measures the steady state (listing code at its final JIT
        // tier), not the first requests after the deployment.
        var warmUp = await Wrk.RunAsync(wrk, list, options.WrkThreads, options.WrkConnections, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        log.WriteLine($"bench: warm-up {warmUp.Command}: {warmUp.RequestsPerSecond:F1} req/s, p99 {warmUp.P99Ms} ms (not recorded)");
        var listing = await Wrk.RunAsync(wrk, list, options.WrkThreads, options.WrkConnections, options.WrkDuration, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"bench: {listing.Command}: {listing.RequestsPerSecond:F1} req/s, p50 {listing.P50Ms} ms, p99 {listing.P99Ms} ms, errors {listing.Errors}");
        result.AddWrk("list", listing);
        result.Add("wrk_command", listing.Command.Replace(list.ToString(), "URL", StringComparison.Ordinal));
        if (listing.Errors > 0 || ping.Errors > 0)
        {
            result.Complete = false;
        }
    }

    /// <summary>When the event stream is lost: the sum of <c>tasksRunning</c> over the listing, every 500 ms.</summary>
    private static async Task<long> PollAllRunningAsync(HttpClient http, Uri services, int total, CancellationToken cancellationToken)
    {
        while (true)
        {
            var apps = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri(services, "/v2/apps"), cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("apps");
            if (apps.EnumerateArray().Sum(a => a.GetProperty("tasksRunning").GetInt32()) >= total)
            {
                return Stopwatch.GetTimestamp();
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitNoDeploymentsAsync(HttpClient http, Uri services, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var deployments = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri(services, "/v2/deployments"), cancellationToken).ConfigureAwait(false)).RootElement;
            if (deployments.GetArrayLength() == 0)
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine("bench: deployments still running 60 s after every task ran");
    }
}
