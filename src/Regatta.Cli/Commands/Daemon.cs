using Microsoft.Extensions.Logging;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary>A started long-running component: what to dispose, a task that faults if it fails, and a line for the operator.</summary>
internal sealed record RunningDaemon(IAsyncDisposable Host, Task Completion, string Banner);

/// <summary>
/// The shared life of <c>regatta master</c> and <c>regatta agent</c>: parse flags (or print help), start, run until
/// SIGINT/SIGTERM (exit 0) or until the component fails on its own (exit 1), then stop cleanly.
/// </summary>
internal static class Daemon
{
    public static async Task<int> RunAsync(
        FlagSet set,
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        Func<ParsedFlags, ILoggerFactory, CancellationToken, Task<RunningDaemon>> start,
        CancellationToken cancellationToken)
    {
        var flags = set.Parse(args);
        if (flags.HelpRequested)
        {
            await stdout.WriteAsync(set.Usage()).ConfigureAwait(false);
            return RegattaCli.ExitOk;
        }

        using var shutdown = new Shutdown(cancellationToken);
        using var loggerFactory = Logging.Create(flags.String("logging_level"));
        var daemon = await start(flags, loggerFactory, shutdown.Token).ConfigureAwait(false);
        await using (daemon.Host.ConfigureAwait(false))
        {
            await stderr.WriteLineAsync(daemon.Banner).ConfigureAwait(false);
            var stopped = shutdown.WaitAsync();
            if (await Task.WhenAny(stopped, daemon.Completion).ConfigureAwait(false) == daemon.Completion && daemon.Completion.IsFaulted)
            {
                await stderr.WriteLineAsync($"regatta {set.Command}: stopped: {daemon.Completion.Exception?.GetBaseException().Message}").ConfigureAwait(false);
                return RegattaCli.ExitFailure;
            }

            await stopped.ConfigureAwait(false);
        }

        return RegattaCli.ExitOk;
    }
}
