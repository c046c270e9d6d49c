using Regatta.Agent;
using Regatta.Cli.Flags;
using Regatta.Master;

namespace Regatta.Cli.Commands;

/// <summary>
/// <c>regatta up</c>: a master and one agent in this process on the standard ports, wired over loopback through the
/// same protocols as a real cluster. State lives under --work_dir (master/ and agent/).
/// </summary>
internal static class UpCommand
{
    public static FlagSet Flags() => new("up", "REGATTA_",
    [
        new("work_dir", FlagKind.String, "./.regatta", "Directory for all state (master registry, agent sandboxes)"),
        new("ip", FlagKind.String, "127.0.0.1", "IP address the master and agent listen on"),
        new("master_port", FlagKind.Int, "5050", "Master port"),
        new("agent_port", FlagKind.Int, "5051", "Agent port"),
        new("services_port", FlagKind.Int, "8080", "Port of the services scheduler's REST API (Marathon-compatible)"),
        new("hostname", FlagKind.String, null, "Hostname advertised by master and agent (default: the --ip)"),
        new("resources", FlagKind.String, null, "The agent's resources (default: detected)"),
        new("attributes", FlagKind.String, null, "The agent's attributes"),
        new("logging_level", FlagKind.String, "INFO", "Lowest level logged: INFO, WARNING or ERROR"),
    ]);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var set = Flags();
        var flags = set.Parse(args, new System.Collections.Hashtable());
        if (flags.HelpRequested)
        {
            await stdout.WriteAsync(set.Usage()).ConfigureAwait(false);
            return RegattaCli.ExitOk;
        }

        var workDir = Path.GetFullPath(flags.String("work_dir")!);
        var ip = flags.String("ip")!;
        var hostname = flags.String("hostname") ?? ip;
        var masterOptions = new MasterOptions
        {
            Ip = ip,
            Port = flags.Int("master_port"),
            Hostname = hostname,
            WorkDir = workDir,
            Flags = new Dictionary<string, string> { ["work_dir"] = workDir, ["ip"] = ip, ["hostname"] = hostname },
        };
        OptionParsing.ThrowIfInvalid(masterOptions.Validate());

        using var shutdown = new Shutdown(cancellationToken);
        using var loggerFactory = Logging.Create(flags.String("logging_level"));
        await using var master = await MasterHost.StartAsync(masterOptions, loggerFactory, TimeProvider.System, Wiring.MasterRoutes(), shutdown.Token).ConfigureAwait(false);
        var connectIp = ip is "0.0.0.0" ? "127.0.0.1" : ip;
        var agentOptions = new AgentOptions
        {
            Master = $"{connectIp}:{master.BoundPort}",
            Ip = ip,
            Port = flags.Int("agent_port"),
            Hostname = hostname,
            WorkDir = Path.Combine(workDir, "agent"),
            Resources = flags.String("resources"),
            Attributes = flags.String("attributes"),
        };
        OptionParsing.ThrowIfInvalid(agentOptions.Validate());
        await using var agent = await AgentHost.StartAsync(agentOptions, loggerFactory, TimeProvider.System, shutdown.Token).ConfigureAwait(false);
        await agent.Registered.WaitAsync(TimeSpan.FromSeconds(30), shutdown.Token).ConfigureAwait(false);
        var servicesOptions = new Regatta.Services.ServicesOptions
        {
            Master = $"{connectIp}:{master.BoundPort}",
            HttpAddress = ip,
            HttpPort = flags.Int("services_port"),
            Hostname = hostname,
            WorkDir = workDir,
        };
        OptionParsing.ThrowIfInvalid(servicesOptions.Validate());
        await using var services = await Regatta.Services.ServicesHost.StartAsync(servicesOptions, loggerFactory, TimeProvider.System, shutdown.Token).ConfigureAwait(false);
        await stdout.WriteLineAsync(
            $"Regatta is up: master {master.Endpoint} (Mesos HTTP API), agent {agent.Endpoint} ({agent.AgentId}), services http://{connectIp}:{services.BoundPort} (Marathon API); state in {workDir}. Ctrl-C stops it.").ConfigureAwait(false);
        await shutdown.WaitAsync().ConfigureAwait(false);
        return RegattaCli.ExitOk;
    }
}
