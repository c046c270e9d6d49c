using Regatta.Protocol.V1;

namespace Regatta.Protocol;

/// <summary>Facts about <see cref="TaskState"/> that the master, agent and schedulers share.</summary>
public static class TaskStates
{
    /// <summary>
    /// True for states after which the task holds no resources. TASK_LOST counts although a partitioned agent may
    /// bring the task back; TASK_UNREACHABLE and TASK_UNKNOWN do not.
    /// </summary>
    public static bool IsTerminal(TaskState state) => state is
        TaskState.TaskFinished or
        TaskState.TaskFailed or
        TaskState.TaskKilled or
        TaskState.TaskError or
        TaskState.TaskLost or
        TaskState.TaskDropped or
        TaskState.TaskGone or
        TaskState.TaskGoneByOperator;

    /// <summary>True for the states only PARTITION_AWARE frameworks may see.</summary>
    public static bool IsPartitionAwareOnly(TaskState state) => state is
        TaskState.TaskDropped or
        TaskState.TaskUnreachable or
        TaskState.TaskGone or
        TaskState.TaskGoneByOperator or
        TaskState.TaskUnknown;

    /// <summary>The state a framework without the PARTITION_AWARE capability is told: partition states become TASK_LOST.</summary>
    public static TaskState ToPartitionUnaware(TaskState state) => IsPartitionAwareOnly(state) ? TaskState.TaskLost : state;
}
