using Regatta.Cli.Flags;
using Regatta.Master;

namespace Regatta.Cli.Commands;

/// <summary><c>regatta master</c>.</summary>
internal static class MasterCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        Daemon.RunAsync(MasterFlags.Create(), args, stdout, stderr, async (flags, loggerFactory, token) =>
        {
            var master = await MasterHost.StartAsync(ToOptions(flags), loggerFactory, TimeProvider.System, Wiring.MasterRoutes(), token).ConfigureAwait(false);
            return new RunningDaemon(master, master.Completion, $"regatta master {master.MasterInfo.Id} listening on {master.Endpoint}");
        }, cancellationToken);

    public static MasterOptions ToOptions(ParsedFlags flags)
    {
        if (flags.IsSet("zk"))
        {
            throw new FlagException("--zk: ZooKeeper leader election is not available yet; run a single master without --zk");
        }

        var options = new MasterOptions
        {
            Ip = flags.String("ip")!,
            Port = flags.Int("port"),
            Hostname = flags.String("hostname"),
            AdvertiseIp = flags.String("advertise_ip"),
            AdvertisePort = flags.IsSet("advertise_port") ? flags.Int("advertise_port") : null,
            WorkDir = flags.String("work_dir"),
            Registry = flags.String("registry")!,
            Roles = OptionParsing.Roles(flags.String("roles")),
            Weights = OptionParsing.Weights(flags.String("weights")),
            OfferTimeout = flags.TryDuration("offer_timeout"),
            AllocationInterval = flags.Duration("allocation_interval"),
            MinAllocatableResources = flags.String("min_allocatable_resources")!,
            AgentPingTimeout = flags.Duration("agent_ping_timeout"),
            MaxAgentPingTimeouts = flags.Int("max_agent_ping_timeouts"),
            AgentReregisterTimeout = flags.Duration("agent_reregister_timeout"),
            MaxCompletedFrameworks = flags.Int("max_completed_frameworks"),
            MaxCompletedTasksPerFramework = flags.Int("max_completed_tasks_per_framework"),
            Cluster = flags.String("cluster"),
            Flags = flags.Effective(),
        };
        OptionParsing.ThrowIfInvalid(options.Validate());
        return options;
    }
}
