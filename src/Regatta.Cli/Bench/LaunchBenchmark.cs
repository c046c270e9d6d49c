using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Regatta.Framework;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.Cli.Bench;

/// <summary>
/// <c>regatta bench launch</c>: a real master (child process, durable registry) over loopback, N simulated agents
/// speaking the real agent protocol and F frameworks speaking the real v1 Scheduler API, launching M small tasks.
/// Measures launches per second (first ACCEPT to last TASK_RUNNING), per-task latency (ACCEPT sent to TASK_RUNNING
/// received) and the master's resident memory.
/// </summary>
internal sealed class LaunchBenchmark(LaunchBenchmarkOptions options, TextWriter log)
{
    private readonly ConcurrentDictionary<string, long> acceptedAt = new();
    private readonly ConcurrentBag<double> latenciesMs = [];
    private readonly ConcurrentBag<double> startingLatenciesMs = [];
    private int launched;
    private int running;
    private long firstAccept;
    private long lastRunning;

    public async Task<LaunchBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("regatta-bench-");
        var port = FreePort();
        using var master = StartRegatta("master", ["master", "--ip=127.0.0.1", $"--port={port}", $"--work_dir={workDir.FullName}", "--hostname=127.0.0.1", options.Verbose ? "--logging_level=INFO" : "--logging_level=WARNING"]);
        Process? agentProcess = null;
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{port}");
            await WaitHealthyAsync(endpoint, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"bench: master pid {master.Id} on {endpoint}");

            List<SimulatedAgent> agents = [];
            if (options.RealAgent)
            {
                agentProcess = await StartRealAgentAsync(endpoint, workDir.FullName, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"bench: agent pid {agentProcess.Id} registered");
            }
            else
            {
                agents = await ConnectAgentsAsync(endpoint, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"bench: {agents.Count} agents registered");
            }

            var rssAgentsOnly = ReadRssMb(master.Id);
            var agentRssIdle = agentProcess is null ? double.NaN : ReadRssMb(agentProcess.Id);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Frameworks + 64, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            var frameworks = new List<SchedulerConnection>();
            for (var f = 0; f < options.Frameworks; f++)
            {
                var info = new FrameworkInfo { User = System.Environment.UserName, Name = $"bench-{f}", FailoverTimeout = 0 };
                frameworks.Add(await SchedulerConnection.SubscribeAsync(endpoint, info, httpClient: http, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            var perFramework = Enumerable.Range(0, options.Frameworks).Select(i => options.Tasks / options.Frameworks + (i < options.Tasks % options.Frameworks ? 1 : 0)).ToArray();
            var cpuBefore = ReadCpuSeconds(master.Id);
            var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var sw = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Timeout);
            var drivers = frameworks.Select((fw, i) => DriveAsync(fw, perFramework[i], deadline.Token)).ToList();
            try
            {
                await Task.WhenAll(drivers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"bench: timed out after {options.Timeout.TotalSeconds}s with {running}/{options.Tasks} running");
            }

            var rss = ReadRssMb(master.Id);
            var agentRss = agentProcess is null ? double.NaN : ReadRssMb(agentProcess.Id);
            if (agentProcess is not null)
            {
                // Real tasks (processes, containers) must not outlive the benchmark: tear down, then wait for the agent.
                await Task.WhenAll(frameworks.Select(fw => fw.TeardownAsync(CancellationToken.None))).ConfigureAwait(false);
                await WaitAgentIdleAsync(cancellationToken).ConfigureAwait(false);
            }

            var masterCpu = ReadCpuSeconds(master.Id) - cpuBefore;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpuBefore;
            var elapsed = Stopwatch.GetElapsedTime(firstAccept, lastRunning == 0 ? Stopwatch.GetTimestamp() : lastRunning);
            var sorted = latenciesMs.OrderBy(x => x).ToArray();
            await Task.WhenAll(frameworks.Select(fw => fw.DisposeAsync().AsTask())).ConfigureAwait(false);

            await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask())).ConfigureAwait(false);
            log.WriteLine($"bench: total wall time {sw.Elapsed.TotalSeconds:F1}s");
            return new LaunchBenchmarkResult(
                options.Agents,
                options.Frameworks,
                options.Tasks,
                running,
                Math.Round(running / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
                Percentile(sorted, 0.50),
                Percentile(sorted, 0.99),
                rss,
                rssAgentsOnly,
                Math.Round(masterCpu, 2),
                Math.Round(selfCpu, 2),
                Math.Round(elapsed.TotalSeconds, 2))
            {
                AgentRssMbIdle = agentRssIdle,
                AgentRssMb = agentRss,
                StartingP50Ms = Percentile([.. startingLatenciesMs.Order()], 0.50),
            };
        }
        finally
        {
            Stop(agentProcess);
            try
            {
                master.Kill(entireProcessTree: true);
                await master.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            workDir.Delete(recursive: true);
        }
    }

    private async Task DriveAsync(SchedulerConnection fw, int quota, CancellationToken cancellationToken)
    {
        var mine = 0;
        var runningHere = 0;
        var pendingAcks = new List<Task>();
        Offer? held = null;
        var inFlight = false;
        await foreach (var ev in fw.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ev.Type == Event.Types.Type.Rescind && held?.Id.Value == ev.Rescind.OfferId.Value)
            {
                held = null;
            }

            if (options.Sequential && ev.Type == Event.Types.Type.Offers)
            {
                held = ev.Offers.Offers_.Last();
                if (!inFlight && mine < quota)
                {
                    pendingAcks.Add(LaunchOne(fw, held, mine++, cancellationToken));
                    held = null;
                    inFlight = true;
                }
            }
            else if (ev.Type == Event.Types.Type.Offers)
            {
                foreach (var offer in ev.Offers.Offers_)
                {
                    var tasks = new List<TaskInfo>();
                    var cpus = offer.Resources.Where(r => r.Name == "cpus").Sum(r => r.Scalar.Value);
                    var mem = offer.Resources.Where(r => r.Name == "mem").Sum(r => r.Scalar.Value);
                    while (mine < quota && cpus >= options.TaskCpus - 1e-9 && mem >= options.TaskMem - 1e-9 && tasks.Count < options.TasksPerOffer)
                    {
                        cpus -= options.TaskCpus;
                        mem -= options.TaskMem;
                        tasks.Add(NewTask(offer, fw.FrameworkId.Value, mine++));
                    }

                    if (tasks.Count == 0)
                    {
                        _ = fw.DeclineAsync([offer.Id], 60, cancellationToken);
                        continue;
                    }

                    var now = Stopwatch.GetTimestamp();
                    Interlocked.CompareExchange(ref firstAccept, now, 0);
                    foreach (var t in tasks)
                    {
                        acceptedAt[t.TaskId.Value] = now;
                    }

                    Interlocked.Add(ref launched, tasks.Count);
                    pendingAcks.Add(fw.LaunchAsync(offer, tasks, refuseSeconds: 0, cancellationToken));
                }

                if (mine >= quota)
                {
                    pendingAcks.Add(fw.SuppressAsync(cancellationToken: cancellationToken));
                }
            }
            else if (ev.Type == Event.Types.Type.Update)
            {
                var status = ev.Update.Status;
                if (status.State == TaskState.TaskStarting && acceptedAt.TryGetValue(status.TaskId.Value, out var accepted) && (!options.Sequential || runningHere > 0))
                {
                    startingLatenciesMs.Add(Stopwatch.GetElapsedTime(accepted).TotalMilliseconds);
                }

                pendingAcks.Add(fw.AcknowledgeAsync(status, cancellationToken));
                if (status.State == TaskState.TaskRunning && acceptedAt.TryRemove(status.TaskId.Value, out var t0))
                {
                    var t1 = Stopwatch.GetTimestamp();
                    if (!options.Sequential || runningHere > 0)
                    {
                        latenciesMs.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                    }

                    inFlight = false;
                    if (options.Sequential && mine < quota && held is not null)
                    {
                        pendingAcks.Add(LaunchOne(fw, held, mine++, cancellationToken));
                        held = null;
                        inFlight = true;
                    }

                    Interlocked.Increment(ref running);
                    InterlockedMax(ref lastRunning, t1);
                    if (++runningHere >= quota)
                    {
                        break;
                    }
                }
                else if (status.State != TaskState.TaskRunning && status.State != TaskState.TaskStarting)
                {
                    log.WriteLine($"bench: task {status.TaskId.Value} {status.State}: {status.Message}");
                }
            }

            pendingAcks.RemoveAll(t => t.IsCompletedSuccessfully);
            if (pendingAcks.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }
        }

        await Task.WhenAll(pendingAcks).ConfigureAwait(false);
        if (runningHere < quota && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"the subscription of framework {fw.FrameworkId.Value} ended with {runningHere}/{quota} tasks running");
        }
    }

    private TaskInfo NewTask(Offer offer, string frameworkId, int n)
    {
        var role = offer.AllocationInfo?.Role ?? "*";
        var task = new TaskInfo
        {
            Name = $"bench-{n}",
            TaskId = new TaskID { Value = $"{frameworkId}-t{n}" },
            AgentId = offer.AgentId,
            Command = new CommandInfo { Value = "sleep 1000" },
        };
        if (options.DockerImage is { } image)
        {
            task.Container = new ContainerInfo
            {
                Type = ContainerInfo.Types.Type.Docker,
                Docker = new ContainerInfo.Types.DockerInfo { Image = image, Network = ContainerInfo.Types.DockerInfo.Types.Network.Host },
            };
        }

        task.Resources.Add(Scalar("cpus", options.TaskCpus, role));
        task.Resources.Add(Scalar("mem", options.TaskMem, role));
        return task;
    }

    private static Resource Scalar(string name, double value, string role) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
    };

    private async Task<List<SimulatedAgent>> ConnectAgentsAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var resources = new List<Resource>
        {
            new() { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = options.AgentCpus } },
            new() { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = options.AgentMem } },
        };
        var agents = new List<SimulatedAgent>(options.Agents);
        const int batch = 200;
        for (var i = 0; i < options.Agents; i += batch)
        {
            var wave = Enumerable.Range(i, Math.Min(batch, options.Agents - i))
                .Select(n => new SimulatedAgent(endpoint, $"sim-{n:D5}", resources))
                .ToList();
            await Task.WhenAll(wave.Select(a => a.ConnectAsync(cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(wave.Select(a => a.Registered)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            agents.AddRange(wave);
        }

        return agents;
    }

    private Process StartRegatta(string name, IEnumerable<string> args)
    {
        var self = typeof(LaunchBenchmark).Assembly.Location;
        var psi = new ProcessStartInfo(System.Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (self.EndsWith(".dll", StringComparison.Ordinal) && !(System.Environment.ProcessPath ?? "").EndsWith("regatta", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(self);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the {name}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && options.Verbose)
            {
                log.WriteLine($"{name}: " + e.Data);
            }
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private async Task<Process> StartRealAgentAsync(Uri endpoint, string workDir, CancellationToken cancellationToken)
    {
        agentPort = FreePort();
        var cpus = Math.Ceiling(options.Tasks * options.TaskCpus) + 1;
        var mem = Math.Ceiling(options.Tasks * options.TaskMem) + 1024;
        var args = new List<string>
        {
            "agent", $"--master=127.0.0.1:{endpoint.Port}", "--ip=127.0.0.1", $"--port={agentPort}", $"--work_dir={Path.Combine(workDir, "agent")}",
            "--hostname=127.0.0.1", $"--resources=cpus:{cpus};mem:{mem};disk:10240;ports:[31000-32000]",
            options.Verbose ? "--logging_level=INFO" : "--logging_level=WARNING",
        };
        if (options.DockerSocket is { } socket)
        {
            args.Add("--containerizers=docker,mesos");
            args.Add($"--docker_socket={socket}");
        }

        var agent = StartRegatta("agent", args);
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var slaves = await http.GetStringAsync(new Uri(endpoint, "/master/slaves"), cancellationToken).ConfigureAwait(false);
            if (JsonDocument.Parse(slaves).RootElement.GetProperty("slaves").GetArrayLength() == 1)
            {
                return agent;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        Stop(agent);
        throw new TimeoutException("the agent did not register within 60 s");
    }

    private int agentPort;

    private async Task WaitAgentIdleAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            var state = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{agentPort}/state", cancellationToken).ConfigureAwait(false)).RootElement;
            var live = state.GetProperty("frameworks").EnumerateArray()
                .SelectMany(f => f.GetProperty("executors").EnumerateArray())
                .SelectMany(e => e.GetProperty("tasks").EnumerateArray())
                .Count(t => t.GetProperty("state").GetString() is "TASK_STAGING" or "TASK_STARTING" or "TASK_RUNNING" or "TASK_KILLING");
            if (live == 0)
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine("bench: the agent still had tasks 120 s after teardown");
    }

    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
    }

    private static async Task WaitHealthyAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var r = await http.GetAsync(new Uri(endpoint, "/master/health"), cancellationToken).ConfigureAwait(false);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("the master did not become healthy within 30 s");
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>User + system CPU seconds a process has used (from /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    internal static double ReadCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    internal static double ReadRssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return Math.Round(kb / 1024, 1);
            }
        }

        return double.NaN;
    }

    private Task LaunchOne(SchedulerConnection fw, Offer offer, int index, CancellationToken cancellationToken)
    {
        var task = NewTask(offer, fw.FrameworkId.Value, index);
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref firstAccept, now, 0);
        acceptedAt[task.TaskId.Value] = now;
        Interlocked.Increment(ref launched);
        return fw.LaunchAsync(offer, [task], refuseSeconds: 0, cancellationToken);
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 2);

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

internal sealed record LaunchBenchmarkOptions(int Agents, int Tasks, int Frameworks)
{
    public double AgentCpus { get; init; } = 32;

    public double AgentMem { get; init; } = 65536;

    public double TaskCpus { get; init; } = 0.1;

    public double TaskMem { get; init; } = 32;

    public int TasksPerOffer { get; init; } = 20;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public bool Verbose { get; init; }

    /// <summary>One real agent process (real tasks) instead of simulated agents.</summary>
    public bool RealAgent { get; init; }

    /// <summary>With <see cref="RealAgent"/>: launch DOCKER tasks of this image through this Engine API socket.</summary>
    public string? DockerImage { get; init; }

    public string? DockerSocket { get; init; }

    /// <summary>Launch one task at a time, the next once the previous is RUNNING (a held offer is used for it);
    /// the first task warms the path up and is left out of the latencies.</summary>
    public bool Sequential { get; init; }
}

internal sealed record LaunchBenchmarkResult(
    int Agents,
    int Frameworks,
    int TasksRequested,
    int TasksRunning,
    double LaunchesPerSecond,
    double P50Ms,
    double P99Ms,
    double MasterRssMb,
    double MasterRssMbBeforeTasks,
    double MasterCpuSeconds,
    double ClientCpuSeconds,
    double LaunchSeconds)
{
    public double AgentRssMbIdle { get; init; } = double.NaN;

    public double AgentRssMb { get; init; } = double.NaN;

    /// <summary>ACCEPT sent → TASK_STARTING received (the rest of p50_ms is STARTING's acknowledgement and RUNNING).</summary>
    public double StartingP50Ms { get; init; } = double.NaN;

    public string ToJson()
    {
        var fields = Fields();
        if (!double.IsNaN(AgentRssMb))
        {
            fields["agent_rss_mb_idle"] = AgentRssMbIdle;
            fields["agent_rss_mb"] = AgentRssMb;
            fields["agent_kb_per_task"] = Math.Round((AgentRssMb - AgentRssMbIdle) * 1024 / Math.Max(TasksRunning, 1), 1);
        }

        if (!double.IsNaN(StartingP50Ms))
        {
            fields["starting_p50_ms"] = StartingP50Ms;
        }

        return JsonSerializer.Serialize(fields);
    }

    private Dictionary<string, object> Fields() => new()
    {
        ["benchmark"] = "launch",
        ["agents"] = Agents,
        ["frameworks"] = Frameworks,
        ["tasks"] = TasksRequested,
        ["tasks_running"] = TasksRunning,
        ["launches_per_second"] = LaunchesPerSecond,
        ["p50_ms"] = P50Ms,
        ["p99_ms"] = P99Ms,
        ["master_rss_mb"] = MasterRssMb,
        ["master_rss_mb_agents_only"] = MasterRssMbBeforeTasks,
        ["launch_seconds"] = LaunchSeconds,
        ["master_cpu_seconds"] = MasterCpuSeconds,
        ["client_cpu_seconds"] = ClientCpuSeconds,
    };
}
