using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Resources;
using MasterEvent = Regatta.Protocol.V1.Master.Event;
using MesosTask = Regatta.Protocol.V1.Task;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>The tasks the master tracks on <paramref name="agent"/>, with their frameworks (a stable copy).</summary>
    private List<(FrameworkRecord Framework, TaskRecord Task)> TasksOn(AgentRecord agent)
    {
        var result = new List<(FrameworkRecord, TaskRecord)>(agent.Tasks.Count);
        foreach (var key in agent.Tasks)
        {
            if (_frameworks.TryGetValue(key.FrameworkId, out var framework) && framework.Tasks.TryGetValue(key.TaskId, out var task))
            {
                result.Add((framework, task));
            }
        }

        return result;
    }

    /// <summary>Links tasks that name <paramref name="agent"/> to a freshly created record of it (after unreachable or a restart).</summary>
    private void AttachKnownTasks(AgentRecord agent)
    {
        foreach (var framework in _frameworks.Values)
        {
            foreach (var task in framework.Tasks.Values)
            {
                if (task.AgentId == agent.Id)
                {
                    agent.Tasks.Add(task.Key);
                }
            }
        }
    }

    /// <summary>
    /// Re-registration: the agent's report is the truth. Reported tasks are adopted (their frameworks recovered
    /// from the reported FrameworkInfo if needed); tasks of removed frameworks mean ShutdownFramework; tasks with
    /// no known framework, or of non-PARTITION_AWARE frameworks already told TASK_LOST, are killed. Tasks the
    /// master expected there but the agent does not report are lost.
    /// </summary>
    private void ReconcileAgentTasks(
        AgentRecord agent, Register register, bool wasUnreachable, List<TaskID> killTasks, List<FrameworkID> shutdownFrameworks, DateTimeOffset now)
    {
        var reportedFrameworks = new Dictionary<string, FrameworkInfo>(StringComparer.Ordinal);
        foreach (var info in register.Frameworks)
        {
            if (info.Id is { } id && !string.IsNullOrEmpty(id.Value))
            {
                reportedFrameworks[id.Value] = info;
            }
        }

        var reported = new HashSet<TaskKey>();
        foreach (var reportedTask in register.Tasks)
        {
            var frameworkId = reportedTask.FrameworkId.Value;
            var key = new TaskKey(frameworkId, reportedTask.TaskId.Value);
            if (_removedFrameworks.ContainsKey(frameworkId))
            {
                if (!shutdownFrameworks.Any(f => f.Value == frameworkId))
                {
                    shutdownFrameworks.Add(reportedTask.FrameworkId);
                }

                continue;
            }

            if (!_frameworks.TryGetValue(frameworkId, out var framework))
            {
                if (!reportedFrameworks.TryGetValue(frameworkId, out var reportedInfo))
                {
                    killTasks.Add(reportedTask.TaskId);
                    continue;
                }

                framework = RecoverFrameworkFromAgent(reportedInfo, now);
            }

            framework.Tasks.TryGetValue(key.TaskId, out var known);
            if (known is not null && known.AgentId != agent.Id)
            {
                _logger.TaskConflict(frameworkId, key.TaskId, agent.Id, known.AgentId);
                killTasks.Add(reportedTask.TaskId);
                continue;
            }

            if (known is null && wasUnreachable && !framework.PartitionAware)
            {
                // The framework was already told TASK_LOST when the agent became unreachable.
                killTasks.Add(reportedTask.TaskId);
                continue;
            }

            reported.Add(key);
            AdoptTask(framework, agent, reportedTask, known, now);
        }

        foreach (var (framework, task) in TasksOn(agent))
        {
            if (reported.Contains(task.Key))
            {
                continue;
            }

            if (!TaskStates.IsTerminal(task.Proto.State))
            {
                // The agent never got it (RunTask lost with the old connection) or no longer has it.
                var state = task.Proto.State == TaskState.TaskStaging ? TaskState.TaskDropped : TaskState.TaskGone;
                var status = MasterStatus(framework, task, state, Reason.TaskUnknown, "Task is unknown to the agent after it re-registered", now);
                ApplyStatusToTask(task, status, status.State, fromAgent: false);
                SendToFramework(framework, SchedulerEvents.Update(status));
            }

            CompleteTask(framework, task, now);
        }
    }

    private void AdoptTask(FrameworkRecord framework, AgentRecord agent, MesosTask reported, TaskRecord? known, DateTimeOffset now)
    {
        var proto = reported.Clone();
        proto.AgentId = agent.Info.Id;
        foreach (var status in proto.Statuses)
        {
            status.ClearData();
        }

        var role = proto.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => !string.IsNullOrEmpty(r))
            ?? known?.Role
            ?? framework.Roles.FirstOrDefault()
            ?? RoleName.Unreserved;
        var resources = known?.Resources
            ?? (ResourceWire.TryFromProto(proto.Resources, out var parsed, out _) ? parsed : ResourceSet.Empty);
        var record = new TaskRecord(proto, role, resources);
        framework.Tasks[record.TaskId] = record;
        agent.Tasks.Add(record.Key);
        Outbox.Put(RegistryKeys.Task(framework.Id, record.TaskId), proto);
        if (known is null)
        {
            Publish(OperatorEvents.TaskAdded(proto));
            return;
        }

        if (known.Proto.State != proto.State)
        {
            var latest = proto.Statuses.LastOrDefault() ?? new TaskStatus { TaskId = proto.TaskId, State = proto.State, AgentId = proto.AgentId };
            Publish(OperatorEvents.TaskUpdated(framework.Id, latest, proto.State));
            if (known.Proto.State == TaskState.TaskUnreachable)
            {
                // A partition-aware framework last heard TASK_UNREACHABLE; tell it the task is back.
                SendToFramework(framework, SchedulerEvents.Update(
                    MasterStatus(framework, record, proto.State, Reason.AgentReregistered, "Agent re-registered", now)));
            }
        }
    }

    private FrameworkRecord RecoverFrameworkFromAgent(FrameworkInfo info, DateTimeOffset now)
    {
        var framework = new FrameworkRecord(info.Clone()) { Recovered = true };
        _frameworks.Add(framework.Id, framework);
        Outbox.Put(RegistryKeys.Framework(framework.Id), framework.Info);
        _allocator.AddFramework(framework.Id, framework.Roles, [], used: null, active: false);
        framework.FailoverGeneration++;
        StartFailoverTimer(framework, now);
        _logger.FrameworkRecoveredFromAgent(framework.Id);
        Publish(OperatorEvents.FrameworkAdded(SnapshotOf(framework)));
        return framework;
    }

    /// <summary>
    /// The agent is considered partitioned: offers rescinded, its tasks TASK_UNREACHABLE (PARTITION_AWARE
    /// frameworks, kept) or TASK_LOST (others, completed), FAILURE to every framework. It may come back later.
    /// </summary>
    private void MarkUnreachable(AgentRecord agent, string why, DateTimeOffset now)
    {
        _logger.AgentUnreachable(agent.Id, why);
        Count(MasterCounter.SlaveRemovals);
        Count(MasterCounter.SlaveUnreachableScheduled);
        Count(MasterCounter.SlaveUnreachableCompleted);
        RescindAgentOffers(agent, now);
        if (agent.InAllocator)
        {
            _allocator.RemoveAgent(agent.Id);
            agent.InAllocator = false;
        }

        foreach (var (framework, task) in TasksOn(agent))
        {
            if (task.HoldsResources)
            {
                task.HoldsResources = false;
                framework.Allocated.Subtract(task.Role, task.Resources);
                agent.Allocated.Subtract(task.Role, task.Resources);
            }

            if (TaskStates.IsTerminal(task.Proto.State))
            {
                CompleteTask(framework, task, now);
                continue;
            }

            var status = MasterStatus(framework, task, TaskState.TaskUnreachable, Reason.AgentRemoved, $"Agent {agent.Id} is unreachable: {why}", now);
            if (status.State == TaskState.TaskUnreachable)
            {
                status.UnreachableTime = SnapshotProtos.ToTimeInfo(now);
            }

            Count(framework.PartitionAware ? MasterCounter.TaskUnreachableSourceMasterReasonAgentRemoved : MasterCounter.TaskLostSourceMasterReasonAgentRemoved);
            ApplyStatusToTask(task, status, status.State, fromAgent: false);
            SendToFramework(framework, SchedulerEvents.Update(status));
            if (!framework.PartitionAware)
            {
                CompleteTask(framework, task, now);
            }
        }

        foreach (var framework in _frameworks.Values)
        {
            SendToFramework(framework, SchedulerEvents.AgentFailure(agent.Id));
        }

        if (agent.Connection is { } connection)
        {
            _agentByConnection.Remove(connection.ConnectionId);
            Outbox.Add(new MasterEffect.CloseAgentConnection(connection, WebSocketCloseStatus.NormalClosure, "agent marked unreachable"));
            agent.Connection = null;
        }

        agent.Generation++;
        _agents.Remove(agent.Id);
        _unreachableAgents[agent.Id] = new UnreachableAgentSnapshot(agent.Info, now);
        Outbox.Put(RegistryKeys.Unreachable(agent.Id), SnapshotProtos.ToTimeInfo(now));
        Publish(new MasterEvent
        {
            Type = MasterEvent.Types.Type.AgentRemoved,
            AgentRemoved = new MasterEvent.Types.AgentRemoved { AgentId = agent.Info.Id },
        });
        Outbox.RequestAllocation(null);
    }
}
