using Regatta.Agent;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary><c>regatta agent</c>.</summary>
internal static class AgentCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        Daemon.RunAsync(AgentFlags.Create(), args, stdout, stderr, async (flags, loggerFactory, token) =>
        {
            var options = ToOptions(flags);
            var agent = await AgentHost.StartAsync(options, loggerFactory, TimeProvider.System, token).ConfigureAwait(false);
            return new RunningDaemon(agent, Task.Delay(Timeout.Infinite, token), $"regatta agent listening on {agent.Endpoint}, registering with {options.Master}");
        }, cancellationToken);

    public static AgentOptions ToOptions(ParsedFlags flags)
    {
        if (!Regatta.Agent.Fetcher.ByteSize.TryParse(flags.String("fetcher_cache_size"), out var cacheBytes, out var cacheError))
        {
            throw new FlagException($"--fetcher_cache_size: {cacheError}");
        }

        var options = new AgentOptions
        {
            Master = flags.String("master")!,
            Ip = flags.String("ip")!,
            Port = flags.Int("port"),
            Hostname = flags.String("hostname"),
            AdvertiseIp = flags.String("advertise_ip"),
            WorkDir = flags.String("work_dir")!,
            Resources = flags.String("resources"),
            Attributes = flags.String("attributes"),
            DefaultRole = flags.String("default_role")!,
            Containerizers = flags.String("containerizers")!,
            DockerSocket = flags.String("docker_socket")!,
            Isolation = flags.String("isolation"),
            CgroupsEnableCfs = flags.Bool("cgroups_enable_cfs"),
            CgroupsRoot = flags.String("cgroups_root")!,
            CgroupsHierarchy = flags.String("cgroups_hierarchy")!,
            FetcherCacheDir = flags.String("fetcher_cache_dir")!,
            FetcherCacheSize = cacheBytes,
            RegistrationBackoffFactor = flags.Duration("registration_backoff_factor"),
            ExecutorShutdownGracePeriod = flags.Duration("executor_shutdown_grace_period"),
            Recover = flags.String("recover")!,

            // As Mesos: a stopped agent leaves checkpointed tasks running for its successor to recover.
            KillTasksOnShutdown = flags.String("recover") == "cleanup",
            Flags = flags.Effective(),
        };
        OptionParsing.ThrowIfInvalid(options.Validate());
        return options;
    }
}
