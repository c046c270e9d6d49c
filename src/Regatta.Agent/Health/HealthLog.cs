using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Health;

/// <summary>Health check log messages; event ids 3600-3649 are stable.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(3600, LogLevel.Information, "Starting {Type} health checks for task {TaskId} (container {ContainerId}) in {Delay}")]
    public static partial void HealthCheckStarting(this ILogger logger, string type, string taskId, string containerId, TimeSpan delay);

    [LoggerMessage(3601, LogLevel.Information, "Health check of task {TaskId} failed: {Detail}")]
    public static partial void HealthCheckFailed(this ILogger logger, string taskId, string detail);

    [LoggerMessage(3602, LogLevel.Information, "Task {TaskId} is now {Health}")]
    public static partial void HealthChanged(this ILogger logger, string taskId, string health);

    [LoggerMessage(3603, LogLevel.Warning, "Task {TaskId} failed {Failures} health checks in a row: killing it")]
    public static partial void HealthKill(this ILogger logger, string taskId, int failures);

    [LoggerMessage(3604, LogLevel.Error, "Health checking of task {TaskId} stopped unexpectedly")]
    public static partial void HealthLoopFailed(this ILogger logger, Exception exception, string taskId);
}
