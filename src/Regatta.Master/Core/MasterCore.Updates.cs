using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// A status update from an agent: records it on the task (state = the agent's latest state, the update
    /// in flight = this one), frees the task's resources once its latest state is terminal, and forwards it to
    /// the framework if connected — otherwise the agent's retry delivers it later.
    /// </summary>
    private void HandleStatusUpdate(AgentRecord agent, StatusUpdate update, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesStatusUpdate);
        var status = update.Status;
        var frameworkId = update.FrameworkId.Value;
        if (status.AgentId is { } reported && reported.Value != agent.Id)
        {
            Count(MasterCounter.InvalidStatusUpdates);
            _logger.StatusUpdateDropped(frameworkId, status.TaskId.Value, $"it names agent {reported.Value} but came from {agent.Id}");
            return;
        }

        status.AgentId ??= agent.Info.Id;
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            Count(MasterCounter.InvalidStatusUpdates);
            if (_removedFrameworks.ContainsKey(frameworkId))
            {
                SendToAgent(agent, new MasterMessage { ShutdownFramework = new ShutdownFramework { FrameworkId = update.FrameworkId } });
            }

            _logger.StatusUpdateDropped(frameworkId, status.TaskId.Value, "the framework is unknown");
            return;
        }

        var latest = update.HasLatestState ? update.LatestState : status.State;
        if (framework.Tasks.TryGetValue(status.TaskId.Value, out var task))
        {
            if (task.AgentId != agent.Id)
            {
                Count(MasterCounter.InvalidStatusUpdates);
                _logger.StatusUpdateDropped(frameworkId, task.TaskId, $"the task runs on agent {task.AgentId}, not {agent.Id}");
                return;
            }

            ApplyStatusToTask(task, status, latest, fromAgent: true);
            if (!IsHoldingState(latest))
            {
                ReleaseTaskResources(framework, task, now);
            }
        }

        Count(MasterCounter.ValidStatusUpdates);
        SendToFramework(framework, SchedulerEvents.Update(status));
    }

    /// <summary>ACKNOWLEDGE: forwards to the agent; a terminal update once acknowledged completes the task.</summary>
    private void Acknowledge(FrameworkRecord framework, Call.Types.Acknowledge acknowledge, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesStatusUpdateAcknowledgement);
        if (!_agents.TryGetValue(acknowledge.AgentId.Value, out var agent) || agent.Phase != AgentPhase.Connected)
        {
            Count(MasterCounter.InvalidStatusUpdateAcknowledgements);
            _logger.AcknowledgementDropped(framework.Id, acknowledge.TaskId.Value, acknowledge.AgentId.Value);
            return;
        }

        if (framework.Tasks.TryGetValue(acknowledge.TaskId.Value, out var task)
            && task.AgentId == agent.Id
            && task.Proto.HasStatusUpdateUuid
            && task.Proto.StatusUpdateUuid.Equals(acknowledge.Uuid)
            && TaskStates.IsTerminal(task.Proto.StatusUpdateState))
        {
            CompleteTask(framework, task, now);
        }

        Count(MasterCounter.ValidStatusUpdateAcknowledgements);
        SendToAgent(agent, new MasterMessage
        {
            Acknowledge = new AcknowledgeUpdate
            {
                FrameworkId = framework.Info.Id,
                TaskId = acknowledge.TaskId,
                Uuid = acknowledge.Uuid,
            },
        });
    }

    /// <summary>KILL: known task → KillTask to its agent; unknown task → explicit reconciliation for it.</summary>
    private void Kill(FrameworkRecord framework, Call.Types.Kill kill, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesKillTask);
        if (!framework.Tasks.TryGetValue(kill.TaskId.Value, out var task))
        {
            ReconcileExplicit(framework, [new Call.Types.Reconcile.Types.Task { TaskId = kill.TaskId, AgentId = kill.AgentId }], now);
            return;
        }

        if (kill.AgentId is { } agentId && agentId.Value != task.AgentId)
        {
            _logger.KillIgnored(framework.Id, task.TaskId, $"it names agent {agentId.Value} but the task runs on {task.AgentId}");
            return;
        }

        if (!_agents.TryGetValue(task.AgentId, out var agent) || agent.Phase != AgentPhase.Connected)
        {
            _logger.KillIgnored(framework.Id, task.TaskId, $"agent {task.AgentId} is not connected");
            return;
        }

        var message = new Protocol.Agent.KillTask { FrameworkId = framework.Info.Id, TaskId = task.Proto.TaskId };
        if (kill.KillPolicy is { } policy)
        {
            message.KillPolicy = policy;
        }

        SendToAgent(agent, new MasterMessage { KillTask = message });
    }

    /// <summary>SHUTDOWN of an executor: for command tasks the executor id is the task id, so its task is killed.</summary>
    private void ShutdownExecutor(FrameworkRecord framework, Call.Types.Shutdown shutdown)
    {
        Count(MasterCounter.MessagesShutdownExecutor);
        if (!_agents.TryGetValue(shutdown.AgentId.Value, out var agent))
        {
            return;
        }

        var executorId = shutdown.ExecutorId.Value;
        foreach (var task in framework.Tasks.Values.Where(t => t.AgentId == agent.Id
                     && (t.Proto.ExecutorId?.Value ?? t.TaskId) == executorId))
        {
            SendToAgent(agent, new MasterMessage
            {
                KillTask = new Protocol.Agent.KillTask { FrameworkId = framework.Info.Id, TaskId = task.Proto.TaskId },
            });
        }
    }

    /// <summary>MESSAGE: best-effort delivery to the executor's agent.</summary>
    private void FrameworkToExecutor(FrameworkRecord framework, Call.Types.Message message)
    {
        Count(MasterCounter.MessagesFrameworkToExecutor);
        if (!_agents.TryGetValue(message.AgentId.Value, out var agent) || agent.Phase != AgentPhase.Connected)
        {
            Count(MasterCounter.InvalidFrameworkToExecutorMessages);
            return;
        }

        Count(MasterCounter.ValidFrameworkToExecutorMessages);
        SendToAgent(agent, new MasterMessage
        {
            FrameworkMessage = new FrameworkMessage { FrameworkId = framework.Info.Id, ExecutorId = message.ExecutorId, Data = message.Data },
        });
    }

    private void ExecutorToFramework(AgentRecord agent, Protocol.Agent.ExecutorMessage message)
    {
        Count(MasterCounter.MessagesExecutorToFramework);
        if (!_frameworks.TryGetValue(message.FrameworkId.Value, out var framework) || !framework.Connected)
        {
            Count(MasterCounter.InvalidExecutorToFrameworkMessages);
            return;
        }

        Count(MasterCounter.ValidExecutorToFrameworkMessages);
        SendToFramework(framework, SchedulerEvents.Message(agent.Info.Id, message.ExecutorId, message.Data));
    }

    /// <summary>
    /// Records <paramref name="status"/> on the task (copy-on-write) and persists it. Agent updates carry a uuid
    /// and become the update in flight; master-generated ones (no uuid) clear it, since nothing will be acknowledged.
    /// </summary>
    private void ApplyStatusToTask(TaskRecord task, TaskStatus status, TaskState latestState, bool fromAgent)
    {
        var previous = task.Proto;
        var updated = previous.Clone();
        updated.State = latestState;
        if (fromAgent && status.HasUuid)
        {
            updated.StatusUpdateState = status.State;
            updated.StatusUpdateUuid = status.Uuid;
        }
        else if (!fromAgent)
        {
            updated.ClearStatusUpdateState();
            updated.ClearStatusUpdateUuid();
        }

        var duplicate = status.HasUuid && previous.Statuses.Any(s => s.HasUuid && s.Uuid.Equals(status.Uuid));
        if (!duplicate)
        {
            var stored = status.Clone();
            stored.ClearData();
            updated.Statuses.Add(stored);
        }

        task.Proto = updated;
        Outbox.Put(RegistryKeys.Task(task.FrameworkId, task.TaskId), updated);
        if (previous.State != latestState || !duplicate)
        {
            Publish(OperatorEvents.TaskUpdated(task.FrameworkId, status, latestState));
        }
    }

    /// <summary>Returns a task's resources to the allocator (once) and asks for an allocation run on its agent.</summary>
    private void ReleaseTaskResources(FrameworkRecord framework, TaskRecord task, DateTimeOffset now)
    {
        if (!task.HoldsResources)
        {
            return;
        }

        task.HoldsResources = false;
        framework.Allocated.Subtract(task.Role, task.Resources);
        if (_agents.TryGetValue(task.AgentId, out var agent))
        {
            agent.Allocated.Subtract(task.Role, task.Resources);
            if (agent.InAllocator)
            {
                _allocator.Recover(framework.Id, agent.Id, task.Resources, null, now, task.Role);
                Outbox.RequestAllocation(agent.Id);
            }
        }
    }

    /// <summary>States in which a task still holds its resources.</summary>
    private static bool IsHoldingState(TaskState state) => !TaskStates.IsTerminal(state) && state != TaskState.TaskUnreachable;

    /// <summary>A master-generated status for a known task, mapped for frameworks that are not PARTITION_AWARE.</summary>
    private TaskStatus MasterStatus(
        FrameworkRecord framework, TaskRecord task, TaskState state, Reason reason, string message, DateTimeOffset now, bool partitionAware = false)
    {
        var mapped = framework.PartitionAware || partitionAware ? state : TaskStates.ToPartitionUnaware(state);
        var status = NewMasterStatus(task.Proto.TaskId, task.Proto.AgentId, mapped, reason, message, now);
        if (task.Proto.ExecutorId is { } executorId)
        {
            status.ExecutorId = executorId;
        }

        if (task.Proto.Statuses.LastOrDefault() is { HasHealthy: true } last)
        {
            status.Healthy = last.Healthy;
        }

        return status;
    }

    private static TaskStatus NewMasterStatus(TaskID taskId, AgentID? agentId, TaskState state, Reason reason, string? message, DateTimeOffset now)
    {
        var status = new TaskStatus
        {
            TaskId = taskId,
            State = state,
            Source = TaskStatus.Types.Source.Master,
            Reason = reason,
            Timestamp = SnapshotProtos.ToEpochSeconds(now),
        };
        if (agentId is not null)
        {
            status.AgentId = agentId;
        }

        if (message is not null)
        {
            status.Message = message;
        }

        return status;
    }
}
