using Microsoft.Extensions.Logging;

namespace Regatta.Services.Core;

/// <summary>Services scheduler log messages; event ids 5000-5099 core, 5100-5199 master link, 5200-5299 HTTP.</summary>
internal static partial class ServicesLog
{
    [LoggerMessage(5000, LogLevel.Information, "{Decision}")]
    public static partial void CoreDecision(ILogger logger, string decision);

    [LoggerMessage(5001, LogLevel.Error, "Services loop failed while handling {Input}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string input);

    [LoggerMessage(5002, LogLevel.Warning, "Ignoring an unreadable stored record {Key}")]
    public static partial void BadRecord(ILogger logger, string key);

    [LoggerMessage(5100, LogLevel.Information, "Subscribed to master {Master} as framework {FrameworkId}")]
    public static partial void Subscribed(ILogger logger, string master, string frameworkId);

    [LoggerMessage(5101, LogLevel.Warning, "Master connection lost ({Reason}); subscribing again in {Delay}")]
    public static partial void MasterLost(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(5102, LogLevel.Warning, "Call {Call} to the master failed: {Reason}")]
    public static partial void CallFailed(ILogger logger, string call, string reason);

    [LoggerMessage(5103, LogLevel.Error, "The master reported a framework error: {Message}")]
    public static partial void FrameworkError(ILogger logger, string message);

    [LoggerMessage(5200, LogLevel.Information, "Services API listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);
}
