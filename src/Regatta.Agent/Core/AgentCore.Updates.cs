using Regatta.Agent.Logging;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using Source = Regatta.Protocol.V1.TaskStatus.Types.Source;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

internal sealed partial class AgentCore
{
    private void Enqueue(TaskRecord task, V1.TaskState state, Source source, Reason? reason, string? message, DateTimeOffset now, bool? healthy = null)
    {
        var status = NewStatus(task.Info.TaskId.Value, state, source, reason, message, now);
        if (healthy is { } isHealthy)
        {
            status.Healthy = isHealthy;
        }

        if (task.ContainerId is not null)
        {
            status.ContainerStatus = new V1.ContainerStatus { ContainerId = new V1.ContainerID { Value = task.ContainerId } };
            if (task.Pid is { } pid)
            {
                status.ContainerStatus.ExecutorPid = (uint)pid;
            }
        }

        if (!EnqueueStatus(new V1.FrameworkID { Value = task.FrameworkId }, status, now))
        {
            return;
        }

        task.State = state;
        task.Statuses.Add(status);
        Touch(task);
        Version++;
        if (TaskStates.IsTerminal(state))
        {
            _terminalCounts[state] = _terminalCounts.GetValueOrDefault(state) + 1;
        }

        _logger.TaskStateChanged(task.Info.TaskId.Value, task.FrameworkId, ProtoEnumNames.Of(state), message);
    }

    private bool EnqueueStatus(V1.FrameworkID frameworkId, V1.TaskStatus status, DateTimeOffset now)
    {
        var result = _updates.Enqueue(frameworkId, status, now);
        foreach (var update in result.Send)
        {
            Emit(new AgentEffect.Send(new AgentMessage { StatusUpdate = update }));
        }

        return result.Accepted;
    }

    private V1.TaskStatus NewStatus(string taskId, V1.TaskState state, Source source, Reason? reason, string? message, DateTimeOffset now)
    {
        var status = new V1.TaskStatus
        {
            TaskId = new V1.TaskID { Value = taskId },
            State = state,
            Source = source,
            ExecutorId = new V1.ExecutorID { Value = taskId },
            Timestamp = (now - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond,
            Uuid = _ids.NewStatusUuid(),
        };
        if (AgentId is not null)
        {
            status.AgentId = new V1.AgentID { Value = AgentId };
        }

        if (reason is { } r)
        {
            status.Reason = r;
        }

        if (message is not null)
        {
            status.Message = message;
        }

        return status;
    }

    private void OnAcknowledge(AcknowledgeUpdate ack, DateTimeOffset now)
    {
        var key = new TaskKey(ack.FrameworkId.Value, ack.TaskId.Value);
        var result = _updates.Acknowledge(key, ack.Uuid, now);
        if (!result.Matched)
        {
            _logger.StaleAck(Convert.ToHexString(ack.Uuid.Span), key.TaskId);
            return;
        }

        foreach (var update in result.Send)
        {
            Emit(new AgentEffect.Send(new AgentMessage { StatusUpdate = update }));
        }

        Version++;
        if (_frameworks.TryGetValue(key.FrameworkId, out var known) && known.Tasks.TryGetValue(key.TaskId, out var acked))
        {
            // The stream lost its head: the checkpoint follows (and goes once the task is complete).
            Touch(acked);
        }

        if (result.TerminalAcknowledged && _frameworks.TryGetValue(key.FrameworkId, out var framework)
            && framework.Tasks.TryGetValue(key.TaskId, out var task))
        {
            // The framework knows how the task ended: the agent forgets it (its sandbox stays on disk).
            framework.Complete(task);
        }
    }

    /// <summary>The agent's report of a task for (re-)registration and /state: latest state, every status without
    /// its data, and the update currently in flight.</summary>
    private V1.Task ToTask(TaskRecord task)
    {
        var info = task.Info;
        var result = new V1.Task
        {
            Name = info.Name,
            TaskId = info.TaskId,
            FrameworkId = new V1.FrameworkID { Value = task.FrameworkId },
            ExecutorId = new V1.ExecutorID { Value = task.ExecutorId },
            AgentId = new V1.AgentID { Value = AgentId ?? info.AgentId?.Value ?? "" },
            State = task.State,
        };
        result.Resources.AddRange(info.Resources);
        foreach (var status in task.Statuses)
        {
            var copy = status.Clone();
            copy.ClearData();
            result.Statuses.Add(copy);
        }

        if (_updates.Stream(task.Key)?.Head is { } head)
        {
            result.StatusUpdateState = head.State;
            result.StatusUpdateUuid = head.Uuid;
        }

        if (info.Labels is not null)
        {
            result.Labels = info.Labels;
        }

        if (info.Discovery is not null)
        {
            result.Discovery = info.Discovery;
        }

        if (info.Container is not null)
        {
            result.Container = info.Container;
        }

        if (info.HealthCheck is not null)
        {
            result.HealthCheck = info.HealthCheck;
        }

        if (info.KillPolicy is not null)
        {
            result.KillPolicy = info.KillPolicy;
        }

        if (task.User is not null)
        {
            result.User = task.User;
        }

        return result;
    }
}
