using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary>Console logging for the daemons, one line per event, at the level given by --logging_level.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(string? level)
    {
        var min = (level ?? "INFO").ToUpperInvariant() switch
        {
            "INFO" => LogLevel.Information,
            "WARNING" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "DEBUG" => LogLevel.Debug,
            _ => throw new FlagException($"--logging_level: invalid value '{level}': expected INFO, WARNING or ERROR"),
        };
        return LoggerFactory.Create(b => b
            .SetMinimumLevel(min)
            .AddFilter("Microsoft.AspNetCore", min < LogLevel.Warning ? LogLevel.Warning : min)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning)
            // Start-up failures (a port in use) are reported by the CLI in one line; the host would add a stack trace.
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
    }
}
