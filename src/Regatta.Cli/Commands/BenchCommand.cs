using Regatta.Cli.Bench;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary><c>regatta bench launch|agent|services ...</c>: cluster-scale benchmarks over real sockets; prints one JSON line.</summary>
internal static class BenchCommand
{
    public static FlagSet LaunchFlags() => new("bench launch", "REGATTA_BENCH_",
    [
        new("agents", FlagKind.Int, "100", "Simulated agents (real agent protocol, many in this process)"),
        new("tasks", FlagKind.Int, "1000", "Tasks to launch in total"),
        new("frameworks", FlagKind.Int, "1", "Frameworks (real v1 Scheduler API clients) sharing the launches"),
        new("task_cpus", FlagKind.Double, "0.1", "cpus per task"),
        new("task_mem", FlagKind.Double, "32", "mem (MB) per task"),
        new("agent_cpus", FlagKind.Double, "32", "cpus per simulated agent"),
        new("agent_mem", FlagKind.Double, "65536", "mem (MB) per simulated agent"),
        new("tasks_per_offer", FlagKind.Int, "20", "Most tasks a framework launches from one offer"),
        new("timeout", FlagKind.Duration, "5mins", "Give up after this long"),
        new("verbose", FlagKind.Bool, "false", "Show the master's log"),
    ]);

    public static FlagSet AgentFlags() => new("bench agent", "REGATTA_BENCH_",
    [
        new("tasks", FlagKind.Int, "200", "Tasks launched at once on one real agent"),
        new("task_cpus", FlagKind.Double, "0.01", "cpus per task"),
        new("task_mem", FlagKind.Double, "32", "mem (MB) per task"),
        new("docker_image", FlagKind.String, null, "Launch DOCKER tasks of this local image instead of processes"),
        new("docker_socket", FlagKind.String, null, "Docker Engine API socket (with --docker_image)"),
        new("timeout", FlagKind.Duration, "5mins", "Give up after this long"),
        new("sequential", FlagKind.Bool, "false", "One task at a time, each launched once the previous runs (latency; the first warms up)"),
        new("verbose", FlagKind.Bool, "false", "Show the master's and agent's logs"),
    ]);

    public static FlagSet ServicesFlags() => new("bench services", "REGATTA_BENCH_",
    [
        new("launch_apps", FlagKind.Int, "20", "One-instance apps created one after another on a real agent, POST → TASK_RUNNING (0: skip; the first warms up)"),
        new("apps", FlagKind.Int, "1000", "Apps deployed at once on simulated agents, then listed with embed=apps.tasks under wrk (0: skip)"),
        new("tasks_per_app", FlagKind.Int, "10", "Instances of each of those apps"),
        new("agents", FlagKind.Int, "100", "Simulated agents (real agent protocol, in this process)"),
        new("agent_cpus", FlagKind.Double, "16", "cpus per simulated agent"),
        new("agent_mem", FlagKind.Double, "65536", "mem (MB) per simulated agent"),
        new("task_cpus", FlagKind.Double, "0.01", "cpus per task"),
        new("task_mem", FlagKind.Double, "16", "mem (MB) per task"),
        new("create_concurrency", FlagKind.Int, "8", "Creating requests in flight while the apps are created"),
        new("create_batch", FlagKind.Int, "1", "Apps per creating request: 1 = POST /v2/apps each, more = PUT /v2/apps with arrays (one deployment each)"),
        new("wrk_threads", FlagKind.Int, "2", "wrk -t"),
        new("wrk_connections", FlagKind.Int, "8", "wrk -c"),
        new("wrk_duration", FlagKind.Duration, "10secs", "wrk -d, per URL"),
        new("timeout", FlagKind.Duration, "15mins", "Give up after this long"),
        new("hold", FlagKind.Duration, "0secs", "Keep the listing part's cluster up this long after measuring (to inspect it)"),
        new("verbose", FlagKind.Bool, "false", "Show the master's, agent's and services scheduler's logs"),
    ]);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == "agent")
        {
            return await RunAgentAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "services")
        {
            return await RunServicesAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (args.Length == 0 || args[0] != "launch")
        {
            await stderr.WriteLineAsync("Usage: regatta bench launch --agents N --tasks M [--frameworks F] | regatta bench agent --tasks N [--docker_image I --docker_socket S] | regatta bench services [--launch_apps N] [--apps A --tasks_per_app T --agents G]").ConfigureAwait(false);
            return RegattaCli.ExitUsage;
        }

        var set = LaunchFlags();
        var flags = set.Parse(args[1..]);
        if (flags.HelpRequested)
        {
            await stdout.WriteAsync(set.Usage()).ConfigureAwait(false);
            return RegattaCli.ExitOk;
        }

        var options = new LaunchBenchmarkOptions(flags.Int("agents"), flags.Int("tasks"), flags.Int("frameworks"))
        {
            TaskCpus = flags.Double("task_cpus"),
            TaskMem = flags.Double("task_mem"),
            AgentCpus = flags.Double("agent_cpus"),
            AgentMem = flags.Double("agent_mem"),
            TasksPerOffer = flags.Int("tasks_per_offer"),
            Timeout = flags.Duration("timeout"),
            Verbose = flags.Bool("verbose"),
        };
        if (options.Agents < 1 || options.Tasks < 1 || options.Frameworks < 1 || options.Frameworks > options.Tasks)
        {
            throw new FlagException("--agents, --tasks and --frameworks must be at least 1, and --frameworks at most --tasks");
        }

        if (options.TaskCpus <= 0 || options.TaskMem <= 0 || options.TasksPerOffer < 1)
        {
            throw new FlagException("--task_cpus, --task_mem and --tasks_per_offer must be positive");
        }

        var result = await new LaunchBenchmark(options, stderr).RunAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
        return result.TasksRunning == options.Tasks ? RegattaCli.ExitOk : RegattaCli.ExitFailure;
    }

    /// <summary><c>regatta bench agent</c>: one real master and one real agent; N real tasks (processes or containers) at once.</summary>
    private static async Task<int> RunAgentAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var set = AgentFlags();
        var flags = set.Parse(args);
        if (flags.HelpRequested)
        {
            await stdout.WriteAsync(set.Usage()).ConfigureAwait(false);
            return RegattaCli.ExitOk;
        }

        var tasks = flags.Int("tasks");
        if (tasks < 1 || flags.Double("task_cpus") <= 0 || flags.Double("task_mem") <= 0)
        {
            throw new FlagException("--tasks, --task_cpus and --task_mem must be positive");
        }

        if (flags.IsSet("docker_image") != flags.IsSet("docker_socket"))
        {
            throw new FlagException("--docker_image and --docker_socket go together");
        }

        var options = new LaunchBenchmarkOptions(1, tasks, 1)
        {
            RealAgent = true,
            TaskCpus = flags.Double("task_cpus"),
            TaskMem = flags.Double("task_mem"),
            TasksPerOffer = tasks,
            DockerImage = flags.String("docker_image"),
            DockerSocket = flags.String("docker_socket"),
            Timeout = flags.Duration("timeout"),
            Verbose = flags.Bool("verbose"),
            Sequential = flags.Bool("sequential"),
        };
        var result = await new LaunchBenchmark(options, stderr).RunAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
        return result.TasksRunning == tasks ? RegattaCli.ExitOk : RegattaCli.ExitFailure;
    }

    /// <summary><c>regatta bench services</c>: the services scheduler's launch latency, deployment time and app listing (needs wrk).</summary>
    private static async Task<int> RunServicesAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var set = ServicesFlags();
        var flags = set.Parse(args);
        if (flags.HelpRequested)
        {
            await stdout.WriteAsync(set.Usage()).ConfigureAwait(false);
            return RegattaCli.ExitOk;
        }

        var options = new ServicesBenchmarkOptions
        {
            LaunchApps = flags.Int("launch_apps"),
            Apps = flags.Int("apps"),
            TasksPerApp = flags.Int("tasks_per_app"),
            Agents = flags.Int("agents"),
            AgentCpus = flags.Double("agent_cpus"),
            AgentMem = flags.Double("agent_mem"),
            TaskCpus = flags.Double("task_cpus"),
            TaskMem = flags.Double("task_mem"),
            CreateConcurrency = flags.Int("create_concurrency"),
            CreateBatch = flags.Int("create_batch"),
            WrkThreads = flags.Int("wrk_threads"),
            WrkConnections = flags.Int("wrk_connections"),
            WrkDuration = flags.Duration("wrk_duration"),
            Timeout = flags.Duration("timeout"),
            Hold = flags.Duration("hold"),
            Verbose = flags.Bool("verbose"),
        };
        if (options.LaunchApps < 0 || options.Apps < 0 || (options.LaunchApps == 0 && options.Apps == 0))
        {
            throw new FlagException("--launch_apps and --apps must not be negative, and not both 0");
        }

        if (options.TasksPerApp < 1 || options.Agents < 1 || options.TaskCpus <= 0 || options.TaskMem <= 0 || options.CreateConcurrency < 1 || options.CreateBatch < 1
            || options.WrkThreads < 1 || options.WrkConnections < options.WrkThreads || options.WrkDuration < TimeSpan.FromSeconds(1))
        {
            throw new FlagException("--tasks_per_app, --agents, --task_cpus, --task_mem, --create_concurrency, --create_batch and --wrk_threads must be positive, --wrk_connections at least --wrk_threads, --wrk_duration at least 1secs");
        }

        if (options.Apps > 0)
        {
            if (Wrk.Find() is not { } wrk)
            {
                await stderr.WriteLineAsync("bench services: wrk is not installed; it measures the listing (Debian: apt-get install -y wrk), or run with --apps 0").ConfigureAwait(false);
                return RegattaCli.ExitUsage;
            }

            options = options with { WrkPath = wrk };
        }

        var result = await new ServicesBenchmark(options, stderr).RunAsync(cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
        return result.Complete ? RegattaCli.ExitOk : RegattaCli.ExitFailure;
    }
}
