using Regatta.Cli.Flags;
using Regatta.Services;

namespace Regatta.Cli.Commands;

/// <summary><c>regatta services</c>: the Marathon-compatible scheduler, with Marathon's flag names (also read from
/// <c>MARATHON_&lt;FLAG&gt;</c>).</summary>
internal static class ServicesCommand
{
    public static FlagSet Flags() => new("services", "MARATHON_",
    [
        new("master", FlagKind.String, null, "The Mesos master, host:port") { Required = true },
        new("http_address", FlagKind.String, "0.0.0.0", "Address the REST API listens on"),
        new("http_port", FlagKind.Int, "8080", "Port of the REST API"),
        new("hostname", FlagKind.String, null, "Hostname advertised to Mesos and in /v2/leader (default: this machine's name)"),
        new("work_dir", FlagKind.String, "./.regatta", "Directory for the state (services/state.db: apps, versions, tasks, deployments)"),
        new("framework_name", FlagKind.String, "marathon", "Framework name registered with Mesos"),
        new("mesos_role", FlagKind.String, "*", "Role tasks are launched under"),
        new("mesos_user", FlagKind.String, null, "User tasks run as unless the app sets one (default: this process's user)"),
        new("failover_timeout", FlagKind.Int, "604800", "Seconds Mesos keeps our tasks while this scheduler is away"),
        new("local_port_min", FlagKind.Int, "10000", "Lowest service port"),
        new("local_port_max", FlagKind.Int, "20000", "Highest service port"),
        new("decline_offer_duration", FlagKind.Int, "120000", "Milliseconds unneeded offers are declined for"),
        new("http_credentials", FlagKind.String, null, "user:password: HTTP Basic authentication on every path"),
        new("http_realm", FlagKind.String, "Mesosphere", "Realm named in the 401 challenge of --http_credentials"),
        new("logging_level", FlagKind.String, "INFO", "Lowest level logged: INFO, WARNING or ERROR"),
    ]);

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        Daemon.RunAsync(Flags(), args, stdout, stderr, async (flags, loggerFactory, token) =>
        {
            var options = ToOptions(flags);
            var host = await ServicesHost.StartAsync(options, loggerFactory, TimeProvider.System, token).ConfigureAwait(false);
            return new RunningDaemon(host, Task.Delay(Timeout.Infinite, token), $"regatta services listening on :{host.BoundPort}, framework of {options.Master}");
        }, cancellationToken);

    public static ServicesOptions ToOptions(ParsedFlags flags)
    {
        var options = new ServicesOptions
        {
            Master = flags.String("master")!,
            HttpAddress = flags.String("http_address")!,
            HttpPort = flags.Int("http_port"),
            Hostname = flags.String("hostname"),
            WorkDir = Path.GetFullPath(flags.String("work_dir")!),
            FrameworkName = flags.String("framework_name")!,
            MesosRole = flags.String("mesos_role")!,
            MesosUser = flags.String("mesos_user"),
            FailoverTimeoutSeconds = flags.Int("failover_timeout"),
            LocalPortMin = flags.Int("local_port_min"),
            LocalPortMax = flags.Int("local_port_max"),
            DeclineOfferDuration = TimeSpan.FromMilliseconds(flags.Int("decline_offer_duration")),
            HttpCredentials = flags.String("http_credentials"),
            HttpRealm = flags.String("http_realm")!,

            // /v2/info shows the flags; the password is not shown.
            Flags = flags.Effective().Where(f => f.Key != "http_credentials").ToDictionary(),
        };
        OptionParsing.ThrowIfInvalid(options.Validate());
        return options;
    }
}
