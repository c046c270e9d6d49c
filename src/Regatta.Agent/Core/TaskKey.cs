namespace Regatta.Agent.Core;

/// <summary>A task is identified by its framework and its own id (task ids are unique per framework).</summary>
internal readonly record struct TaskKey(string FrameworkId, string TaskId)
{
    public override string ToString() => $"{TaskId} of framework {FrameworkId}";
}
