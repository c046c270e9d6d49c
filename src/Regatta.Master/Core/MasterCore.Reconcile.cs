using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>RECONCILE: empty list = implicit (every known task), else explicit per task (Mesos docs/reconciliation.md).</summary>
    private void Reconcile(FrameworkRecord framework, Call.Types.Reconcile reconcile, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesReconcileTasks);
        if (reconcile.Tasks.Count == 0)
        {
            foreach (var task in framework.Tasks.Values.OrderBy(t => t.TaskId, StringComparer.Ordinal))
            {
                SendToFramework(framework, SchedulerEvents.Update(ReconcileStatus(framework, task, now)));
            }

            return;
        }

        ReconcileExplicit(framework, reconcile.Tasks, now);
    }

    private void ReconcileExplicit(FrameworkRecord framework, IEnumerable<Call.Types.Reconcile.Types.Task> tasks, DateTimeOffset now)
    {
        foreach (var item in tasks)
        {
            var status = ExplicitStatus(framework, item, now);
            if (status is not null)
            {
                SendToFramework(framework, SchedulerEvents.Update(status));
            }
        }
    }

    /// <summary>
    /// Known task → its latest state. Unknown: agent recovering (or any agent still recovering when none is
    /// named) → no answer, the framework retries; agent registered → TASK_GONE; unreachable → TASK_UNREACHABLE;
    /// gone → TASK_GONE_BY_OPERATOR; unknown → TASK_UNKNOWN — each TASK_LOST for frameworks not PARTITION_AWARE.
    /// </summary>
    private TaskStatus? ExplicitStatus(FrameworkRecord framework, Call.Types.Reconcile.Types.Task item, DateTimeOffset now)
    {
        var agentId = item.AgentId?.Value;
        if (framework.Tasks.TryGetValue(item.TaskId.Value, out var task) && (agentId is null || agentId == task.AgentId))
        {
            return ReconcileStatus(framework, task, now);
        }

        TaskState state;
        DateTimeOffset? unreachableTime = null;
        if (agentId is null)
        {
            if (_agents.Values.Any(a => a.Phase == AgentPhase.Recovering))
            {
                return null;
            }

            state = TaskState.TaskUnknown;
        }
        else if (_agents.TryGetValue(agentId, out var agent))
        {
            if (agent.Phase == AgentPhase.Recovering)
            {
                return null;
            }

            state = TaskState.TaskGone;
        }
        else if (_unreachableAgents.TryGetValue(agentId, out var unreachable))
        {
            state = TaskState.TaskUnreachable;
            unreachableTime = unreachable.UnreachableTime;
        }
        else if (_goneAgents.Contains(agentId))
        {
            state = TaskState.TaskGoneByOperator;
        }
        else
        {
            state = TaskState.TaskUnknown;
        }

        var mapped = framework.PartitionAware ? state : TaskStates.ToPartitionUnaware(state);
        var status = NewMasterStatus(item.TaskId, item.AgentId, mapped, Reason.Reconciliation, "Reconciliation: task is unknown to the master", now);
        if (unreachableTime is { } time && mapped == TaskState.TaskUnreachable)
        {
            status.UnreachableTime = SnapshotProtos.ToTimeInfo(time);
        }

        return status;
    }

    /// <summary>A known task's reconciliation answer: the state of the update in flight if any, else its latest state.</summary>
    private TaskStatus ReconcileStatus(FrameworkRecord framework, TaskRecord task, DateTimeOffset now)
    {
        var proto = task.Proto;
        var state = proto.HasStatusUpdateState ? proto.StatusUpdateState : proto.State;
        var status = MasterStatus(framework, task, state, Reason.Reconciliation, "Reconciliation: latest task status", now);
        if (state == TaskState.TaskUnreachable
            && proto.Statuses.LastOrDefault(s => s.UnreachableTime is not null) is { } unreachable)
        {
            status.UnreachableTime = unreachable.UnreachableTime;
        }

        return status;
    }
}
