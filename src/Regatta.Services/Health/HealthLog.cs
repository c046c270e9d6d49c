using Microsoft.Extensions.Logging;

namespace Regatta.Services.Health;

/// <summary>Log messages of the health and readiness runners (event ids 4600–4619).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Debug, Message = "Health check {CheckIndex} of task {TaskId} failed: {Cause}")]
    public static partial void ProbeFailed(ILogger logger, string taskId, int checkIndex, string? cause);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Debug, Message = "Health check {CheckIndex} of task {TaskId} skipped a run: the previous probe is still running")]
    public static partial void ProbeSkipped(ILogger logger, string taskId, int checkIndex);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Error, Message = "Health check {CheckIndex} of task {TaskId} could not run")]
    public static partial void ProbeCrashed(ILogger logger, Exception exception, string taskId, int checkIndex);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Error, Message = "The consumer of health results rejected a result of task {TaskId}")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "Task {TaskId} is ready (readiness check {Name}, status {Status})")]
    public static partial void Ready(ILogger logger, string taskId, string name, int? status);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Debug, Message = "Task {TaskId} is not ready yet (readiness check {Name}, status {Status})")]
    public static partial void NotReady(ILogger logger, string taskId, string name, int? status);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Error, Message = "Readiness check {Name} of task {TaskId} could not run")]
    public static partial void ReadinessCrashed(ILogger logger, Exception exception, string taskId, string name);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Error, Message = "The consumer of readiness results rejected a result of task {TaskId}")]
    public static partial void ReadinessReportFailed(ILogger logger, Exception exception, string taskId);
}
