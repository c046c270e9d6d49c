using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>A framework with tasks on this agent: its latest FrameworkInfo, live tasks and a bounded history.</summary>
internal sealed class FrameworkRecord(V1.FrameworkInfo info)
{
    /// <summary>Mesos's <c>--max_completed_executors_per_framework</c> default.</summary>
    public const int MaxCompletedTasks = 150;

    public V1.FrameworkInfo Info { get; set; } = info;

    public string Id => Info.Id.Value;

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public LinkedList<TaskRecord> Completed { get; } = new();

    public bool ShuttingDown { get; set; }

    public bool HasCapability(V1.FrameworkInfo.Types.Capability.Types.Type type) => Info.Capabilities.Any(c => c.Type == type);

    public void Complete(TaskRecord task)
    {
        Tasks.Remove(task.Info.TaskId.Value);
        Completed.AddLast(task);
        while (Completed.Count > MaxCompletedTasks)
        {
            Completed.RemoveFirst();
        }
    }
}
