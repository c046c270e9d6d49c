namespace Regatta.Services.Deployments;

/// <summary>A task to kill and why.</summary>
internal readonly record struct TaskKill(string TaskId, KillReason Reason);
