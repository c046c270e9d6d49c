using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

using Task = System.Threading.Tasks.Task;

namespace Regatta.Cli.Bench;

/// <summary>
/// <c>regatta bench services</c>: the services scheduler (a child <c>regatta services</c> process) on a real master,
/// measured through its Marathon API only. Part one: POST /v2/apps → TASK_RUNNING (seen on /v2/events) for
/// one-instance apps created one after another on one real agent. Part two: many apps on simulated agents — the time
/// until all their tasks run, then <c>GET /v2/apps?embed=apps.tasks</c> under wrk beside <c>/ping</c> as the
/// baseline. Each part runs on its own fresh cluster.
/// </summary>
internal sealed partial class ServicesBenchmark(ServicesBenchmarkOptions options, TextWriter log)
{
    private const string JsonType = "application/json";

    public async Task<ServicesBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ServicesBenchmarkResult();
        result.Add("load_average_start", BenchHost.LoadAverage());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            if (options.LaunchApps > 0)
            {
                await LaunchPartAsync(result, deadline.Token).ConfigureAwait(false);
            }

            if (options.Apps > 0)
            {
                await ListPartAsync(result, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.WriteLine($"bench: timed out after {options.Timeout.TotalSeconds:F0}s");
            result.Complete = false;
        }

        result.Add("load_average_end", BenchHost.LoadAverage());
        return result;
    }

    /// <summary>A master, agents from <paramref name="startAgents"/>, and the services scheduler, all stopped on dispose.</summary>
    private async Task<Cluster> StartClusterAsync(Func<Uri, string, Task<(Process? Agent, List<SimulatedAgent> Simulated)>> startAgents, CancellationToken cancellationToken)
    {
        var cluster = new Cluster(Directory.CreateTempSubdirectory("regatta-bench-services-"));
        try
        {
            (cluster.Master, var masterUrl) = await BenchHost.StartMasterAsync(cluster.WorkDir.FullName, options.Verbose, log, cancellationToken).ConfigureAwait(false);
            (cluster.Agent, cluster.Simulated) = await startAgents(masterUrl, cluster.WorkDir.FullName).ConfigureAwait(false);
            var port = BenchHost.FreePort();
            cluster.Services = BenchHost.StartRegatta(
                "services",
                [
                    "services", $"--master=127.0.0.1:{masterUrl.Port}", "--http_address=127.0.0.1", $"--http_port={port}",
                    $"--work_dir={Path.Combine(cluster.WorkDir.FullName, "services")}", "--hostname=127.0.0.1",
                    options.Verbose ? "--logging_level=INFO" : "--logging_level=WARNING",
                ],
                options.Verbose,
                log);
            cluster.Url = new Uri($"http://127.0.0.1:{port}");
            await BenchHost.WaitHealthyAsync(new Uri(cluster.Url, "/ping"), "services scheduler", cancellationToken).ConfigureAwait(false);
            await WaitSubscribedAsync(cluster.Url, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"bench: master pid {cluster.Master.Id}, services pid {cluster.Services.Id} on {cluster.Url} (subscribed)");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task WaitSubscribedAsync(Uri services, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var info = JsonDocument.Parse(await http.GetStringAsync(new Uri(services, "/v2/info"), cancellationToken).ConfigureAwait(false)).RootElement;
            if (info.GetProperty("frameworkId").ValueKind == JsonValueKind.String)
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("the services scheduler did not subscribe to the master within 30 s");
    }

    private static StringContent AppJson(string id, int instances, double cpus, double mem) =>
        new(AppObject(id, instances, cpus, mem), Encoding.UTF8, JsonType);

    private static StringContent AppsJson(IEnumerable<string> ids, int instances, double cpus, double mem) =>
        new("[" + string.Join(',', ids.Select(id => AppObject(id, instances, cpus, mem))) + "]", Encoding.UTF8, JsonType);

    private static string AppObject(string id, int instances, double cpus, double mem) =>
        $$"""{"id":"{{id}}","cmd":"sleep 1000","cpus":{{cpus.ToString(CultureInfo.InvariantCulture)}},"mem":{{mem.ToString(CultureInfo.InvariantCulture)}},"instances":{{instances}}}""";

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    /// <summary>The processes (and in-process simulated agents) of one part; disposing stops them and removes the work_dir.</summary>
    private sealed class Cluster(DirectoryInfo workDir) : IAsyncDisposable
    {
        public DirectoryInfo WorkDir { get; } = workDir;

        public Process? Master { get; set; }

        public Process? Agent { get; set; }

        public List<SimulatedAgent> Simulated { get; set; } = [];

        public Process? Services { get; set; }

        public Uri Url { get; set; } = new("http://127.0.0.1/");

        public async ValueTask DisposeAsync()
        {
            BenchHost.Stop(Services);
            await Task.WhenAll(Simulated.Select(a => a.DisposeAsync().AsTask())).ConfigureAwait(false);
            BenchHost.Stop(Agent);
            BenchHost.Stop(Master);
            try
            {
                WorkDir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A task sandbox still held open: the temporary directory stays behind.
            }
        }
    }
}
