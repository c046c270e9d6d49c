using Regatta.Services.Deployments;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// Translations between Mesos task states and the scheduler's <see cref="TaskCondition"/>, and the state names the
/// Marathon API shows. TASK_LOST never reaches the API: Marathon reads it as gone, unreachable or unknown by its
/// reason (Mesos 1.0 agents and non-partition-aware paths still send it).
/// </summary>
internal static class TaskStateNames
{
    /// <summary>Reconciliation answers for tasks the master does not know start with this.</summary>
    public const string UnknownTaskMessagePrefix = "Reconciliation: Task is unknown to the";

    public static TaskCondition ToCondition(V1.TaskState state, V1.TaskStatus.Types.Reason? reason = null, string? message = null) => state switch
    {
        V1.TaskState.TaskStaging => TaskCondition.Staging,
        V1.TaskState.TaskStarting => TaskCondition.Starting,
        V1.TaskState.TaskRunning => TaskCondition.Running,
        V1.TaskState.TaskKilling => TaskCondition.Killing,
        V1.TaskState.TaskFinished => TaskCondition.Finished,
        V1.TaskState.TaskFailed => TaskCondition.Failed,
        V1.TaskState.TaskKilled => TaskCondition.Killed,
        V1.TaskState.TaskError => TaskCondition.Error,
        V1.TaskState.TaskDropped => TaskCondition.Dropped,
        V1.TaskState.TaskUnreachable => TaskCondition.Unreachable,
        V1.TaskState.TaskGone or V1.TaskState.TaskGoneByOperator => TaskCondition.Gone,
        V1.TaskState.TaskUnknown => TaskCondition.Unknown,
        V1.TaskState.TaskLost => FromLost(reason, message),
        _ => TaskCondition.Unknown,
    };

    /// <summary>The <c>state</c> of the task JSON; conditions without a Mesos state (queued) show as TASK_STAGING.</summary>
    public static string Of(TaskCondition condition) => condition switch
    {
        TaskCondition.Starting => "TASK_STARTING",
        TaskCondition.Running => "TASK_RUNNING",
        TaskCondition.Killing => "TASK_KILLING",
        TaskCondition.Unreachable or TaskCondition.UnreachableInactive => "TASK_UNREACHABLE",
        TaskCondition.Killed => "TASK_KILLED",
        TaskCondition.Failed => "TASK_FAILED",
        TaskCondition.Finished => "TASK_FINISHED",
        TaskCondition.Error => "TASK_ERROR",
        TaskCondition.Gone => "TASK_GONE",
        TaskCondition.Dropped => "TASK_DROPPED",
        TaskCondition.Unknown => "TASK_UNKNOWN",
        _ => "TASK_STAGING",
    };

    /// <summary>
    /// Marathon's "active" conditions: the task was launched and may hold resources on an agent. Only active tasks
    /// show <c>stagedAt</c>, <c>startedAt</c>, <c>version</c> and their host ports.
    /// </summary>
    public static bool IsActive(TaskCondition condition) => condition
        is TaskCondition.Staging or TaskCondition.Starting or TaskCondition.Running
        or TaskCondition.Killing or TaskCondition.Unreachable;

    // Reconciliation and a disconnected or removed agent mean the task may come back: unreachable. An unknown task
    // is unknown. Every other reason (and none, read as Mesos's first reason) means the task is gone.
    private static TaskCondition FromLost(V1.TaskStatus.Types.Reason? reason, string? message)
    {
        if ((message?.StartsWith(UnknownTaskMessagePrefix, StringComparison.Ordinal) ?? false) ||
            reason == V1.TaskStatus.Types.Reason.TaskUnknown)
        {
            return TaskCondition.Unknown;
        }

        return reason is V1.TaskStatus.Types.Reason.Reconciliation
            or V1.TaskStatus.Types.Reason.AgentDisconnected
            or V1.TaskStatus.Types.Reason.AgentRemoved
            ? TaskCondition.Unreachable
            : TaskCondition.Gone;
    }
}
