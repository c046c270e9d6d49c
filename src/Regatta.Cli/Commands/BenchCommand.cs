using Regatta.Cli.Bench;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary><c>regatta bench launch ...</c>: cluster-scale benchmarks over real sockets; prints one JSON line.</summary>
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

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == "agent")
        {
            return await RunAgentAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (args.Length == 0 || args[0] != "launch")
        {
            await stderr.WriteLineAsync("Usage: regatta bench launch --agents N --tasks M [--frameworks F] | regatta bench agent --tasks N [--docker_image I --docker_socket S]").ConfigureAwait(false);
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
}
