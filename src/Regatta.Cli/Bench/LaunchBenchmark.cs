using System.Collections.Concurrent;
using System.Diagnostics;
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
    private int running;
    private long firstAccept;
    private long lastRunning;

    public async Task<LaunchBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var workDir = Directory.CreateTempSubdirectory("regatta-bench-");
        Process? master = null;
        Process? agentProcess = null;
        try
        {
            (master, var endpoint) = await BenchHost.StartMasterAsync(workDir.FullName, options.Verbose, log, cancellationToken).ConfigureAwait(false);
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

            var rssAgentsOnly = BenchHost.ReadRssMb(master.Id);
            var agentRssIdle = agentProcess is null ? double.NaN : BenchHost.ReadRssMb(agentProcess.Id);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Frameworks + 64, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            var frameworks = new List<SchedulerConnection>();
            for (var f = 0; f < options.Frameworks; f++)
            {
                var info = new FrameworkInfo { User = System.Environment.UserName, Name = $"bench-{f}", FailoverTimeout = 0 };
                frameworks.Add(await SchedulerConnection.SubscribeAsync(endpoint, info, httpClient: http, cancellationToken: cancellationToken).ConfigureAwait(false));
            }

            var perFramework = Enumerable.Range(0, options.Frameworks).Select(i => options.Tasks / options.Frameworks + (i < options.Tasks % options.Frameworks ? 1 : 0)).ToArray();
            var cpuBefore = BenchHost.ReadCpuSeconds(master.Id);
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

            var rss = BenchHost.ReadRssMb(master.Id);
            var agentRss = agentProcess is null ? double.NaN : BenchHost.ReadRssMb(agentProcess.Id);
            if (agentProcess is not null)
            {
                // Real tasks (processes, containers) must not outlive the benchmark: tear down, then wait for the agent.
                await Task.WhenAll(frameworks.Select(fw => fw.TeardownAsync(CancellationToken.None))).ConfigureAwait(false);
                if (!await BenchHost.WaitAgentIdleAsync(agentPort, cancellationToken).ConfigureAwait(false))
                {
                    log.WriteLine("bench: the agent still had tasks 120 s after teardown");
                }
            }

            var masterCpu = BenchHost.ReadCpuSeconds(master.Id) - cpuBefore;
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
                BenchHost.Percentile(sorted, 0.50),
                BenchHost.Percentile(sorted, 0.99),
                rss,
                rssAgentsOnly,
                Math.Round(masterCpu, 2),
                Math.Round(selfCpu, 2),
                Math.Round(elapsed.TotalSeconds, 2))
            {
                AgentRssMbIdle = agentRssIdle,
                AgentRssMb = agentRss,
                StartingP50Ms = BenchHost.Percentile([.. startingLatenciesMs.Order()], 0.50),
            };
        }
        finally
        {
            BenchHost.Stop(agentProcess);
            BenchHost.Stop(master);
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

    private Task<List<SimulatedAgent>> ConnectAgentsAsync(Uri endpoint, CancellationToken cancellationToken) =>
        BenchHost.ConnectSimulatedAgentsAsync(endpoint, options.Agents, [BenchHost.Scalar("cpus", options.AgentCpus), BenchHost.Scalar("mem", options.AgentMem)], cancellationToken);

    private Task<Process> StartRealAgentAsync(Uri endpoint, string workDir, CancellationToken cancellationToken)
    {
        agentPort = BenchHost.FreePort();
        var cpus = Math.Ceiling(options.Tasks * options.TaskCpus) + 1;
        var mem = Math.Ceiling(options.Tasks * options.TaskMem) + 1024;
        List<string> extra = options.DockerSocket is { } socket ? ["--containerizers=docker,mesos", $"--docker_socket={socket}"] : [];
        return BenchHost.StartRealAgentAsync(
            endpoint, agentPort, Path.Combine(workDir, "agent"), $"cpus:{cpus};mem:{mem};disk:10240;ports:[31000-32000]", extra, options.Verbose, log, cancellationToken);
    }

    private int agentPort;

    private Task LaunchOne(SchedulerConnection fw, Offer offer, int index, CancellationToken cancellationToken)
    {
        var task = NewTask(offer, fw.FrameworkId.Value, index);
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref firstAccept, now, 0);
        acceptedAt[task.TaskId.Value] = now;
        return fw.LaunchAsync(offer, [task], refuseSeconds: 0, cancellationToken);
    }

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
