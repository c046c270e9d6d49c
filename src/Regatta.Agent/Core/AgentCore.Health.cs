using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using Source = Regatta.Protocol.V1.TaskStatus.Types.Source;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

internal sealed partial class AgentCore
{
    /// <summary>The terminal message of a task its health check killed.</summary>
    public const string HealthKillMessage = "Task killed due to failing health checks";

    /// <summary>
    /// A health check decision for a running task: a change of health becomes a TASK_RUNNING update with
    /// <c>healthy</c> set (reason REASON_TASK_HEALTH_CHECK_STATUS_UPDATED); a kill decision kills the task per its
    /// kill policy and marks it so its TASK_KILLING / TASK_KILLED carry <c>healthy=false</c>. Stale results (a task
    /// that is already ending) are ignored.
    /// </summary>
    public IReadOnlyList<AgentEffect> TaskHealthChanged(TaskKey key, string containerId, bool? healthy, bool kill, DateTimeOffset now)
    {
        if (!TryFindTask(key, containerId, out var task) || !task.Started || task.Ended || task.KillRequested || task.IsTerminal)
        {
            return TakeEffects();
        }

        if (healthy is { } isHealthy)
        {
            Enqueue(task, V1.TaskState.TaskRunning, Source.Executor, Reason.TaskHealthCheckStatusUpdated, null, now, healthy: isHealthy);
        }

        if (kill)
        {
            task.KilledUnhealthy = true;
            RequestKill(_frameworks[key.FrameworkId], task, KillGraceFor(task, null), now);
        }

        return TakeEffects();
    }
}
