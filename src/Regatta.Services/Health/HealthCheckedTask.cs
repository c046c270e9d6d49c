namespace Regatta.Services.Health;

/// <summary>A running task and the scheduler-run checks to probe it with (COMMAND and MESOS_* are not here).</summary>
internal sealed record HealthCheckedTask(string TaskId, IReadOnlyList<TaskHealthCheck> Checks);
