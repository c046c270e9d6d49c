namespace Regatta.Master.Core;

/// <summary>Task ids are unique per framework only, so the master keys tasks by both.</summary>
internal readonly record struct TaskKey(string FrameworkId, string TaskId);
