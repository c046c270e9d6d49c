using Regatta.Cli.Commands;
using Regatta.Cli.Flags;

namespace Regatta.Cli;

/// <summary>Dispatches <c>regatta &lt;subcommand&gt;</c>. Exit codes: 0 ok, 1 runtime failure, 2 bad usage (flags, arguments).</summary>
internal static class RegattaCli
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    private static readonly Dictionary<string, (string Help, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["master"] = ("run a master (port 5050)", MasterCommand.RunAsync),
        ["agent"] = ("run an agent (port 5051) that registers with a master", AgentCommand.RunAsync),
        ["services"] = ("run the Marathon-compatible services scheduler (port 8080) against a master", ServicesCommand.RunAsync),
        ["up"] = ("run a master and an agent in this process, for trying Regatta on one machine", UpCommand.RunAsync),
        ["bench"] = ("cluster-scale benchmarks over real sockets (regatta bench launch --help)", BenchCommand.RunAsync),
        ["version"] = ("print the version", (_, o, _, _) => { o.WriteLine($"regatta {BuildInfo.Version} (Mesos API {BuildInfo.MesosVersion})"); return Task.FromResult(ExitOk); }
        ),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            WriteUsage(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"regatta: unknown command '{args[0]}'").ConfigureAwait(false);
            WriteUsage(stderr);
            return ExitUsage;
        }

        try
        {
            return await command.Run(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (FlagException e)
        {
            await stderr.WriteLineAsync($"regatta {args[0]}: {e.Message}").ConfigureAwait(false);
            return ExitUsage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitFailure;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or TimeoutException or UnauthorizedAccessException
            or Framework.SchedulerCallException or System.Net.Sockets.SocketException)
        {
            // Expected runtime failures (a port in use, an unreachable master, a refused call): one line, no stack trace.
            await stderr.WriteLineAsync($"regatta {args[0]}: {e.Message}").ConfigureAwait(false);
            return ExitFailure;
        }
    }

    private static void WriteUsage(TextWriter w)
    {
        w.WriteLine("Usage: regatta <command> [--flag=value ...]");
        w.WriteLine();
        foreach (var (name, (help, _)) in Commands)
        {
            w.WriteLine($"  {name,-8} {help}");
        }

        w.WriteLine();
        w.WriteLine("Run 'regatta <command> --help' for its flags.");
    }
}
