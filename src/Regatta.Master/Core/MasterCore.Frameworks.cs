using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using MasterEvent = Regatta.Protocol.V1.Master.Event;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    private const int MaxRemovedFrameworksRemembered = 10_000;

    /// <summary>
    /// SUBSCRIBE: admits a new framework or resumes a known one on <paramref name="stream"/>. The reply (and the
    /// SUBSCRIBED event) go out only after the framework record is durable.
    /// </summary>
    public void Subscribe(Call call, IFrameworkStream stream, Action<CallResult> respond, DateTimeOffset now)
    {
        var subscribe = call.Subscribe;
        var info = subscribe.FrameworkInfo.Clone();
        var suppressed = subscribe.SuppressedRoles.Distinct(StringComparer.Ordinal).ToList();
        if (FrameworkValidation.Validate(info, suppressed, _options.Roles) is { } problem)
        {
            Reply(() => respond(CallResult.BadRequest(problem)));
            return;
        }

        if (info.Id is null)
        {
            Count(MasterCounter.MessagesRegisterFramework);
            info.Id = new FrameworkID { Value = NewFrameworkId() };
        }
        else
        {
            Count(MasterCounter.MessagesReregisterFramework);
            var id = info.Id.Value;
            if (_removedFrameworks.ContainsKey(id))
            {
                // Mesos answers a removed framework on its stream, then ends it.
                Reply(() => respond(CallResult.Subscribed(id)));
                Outbox.Add(new MasterEffect.SendToFramework(id, stream, SchedulerEvents.Error("Framework has been removed")));
                Outbox.Add(new MasterEffect.CloseFrameworkStream(stream));
                return;
            }

            if (_frameworks.TryGetValue(id, out var existing))
            {
                Resubscribe(existing, info, suppressed, stream, respond, now);
                return;
            }
        }

        var framework = new FrameworkRecord(info)
        {
            Stream = stream,
            Active = true,
            RegisteredTime = now,
        };
        framework.SuppressedRoles.UnionWith(suppressed);
        _frameworks.Add(framework.Id, framework);
        Outbox.Put(RegistryKeys.Framework(framework.Id), info);
        _allocator.AddFramework(framework.Id, framework.Roles, suppressed, used: null, active: true);
        _logger.FrameworkSubscribed(framework.Id, info.Name, string.Join(",", framework.Roles));
        Reply(() => respond(CallResult.Subscribed(framework.Id)));
        SendToFramework(framework, SchedulerEvents.Subscribed(framework.Id, _options.HeartbeatInterval.TotalSeconds, MasterInfo));
        SendToFramework(framework, SchedulerEvents.Heartbeat);
        Publish(OperatorEvents.FrameworkAdded(SnapshotOf(framework)));
        Outbox.RequestAllocation(null);
    }

    private void Resubscribe(
        FrameworkRecord framework, FrameworkInfo info, List<string> suppressed, IFrameworkStream stream, Action<CallResult> respond, DateTimeOffset now)
    {
        if (framework.Stream is { } old)
        {
            Outbox.Add(new MasterEffect.SendToFramework(framework.Id, old, SchedulerEvents.Error("Framework failed over")));
            Outbox.Add(new MasterEffect.CloseFrameworkStream(old));
        }

        // Offers made to the previous instance mean nothing to the new one.
        foreach (var offerId in framework.OfferIds.ToList())
        {
            RemoveOffer(_offers[offerId], refuse: null, rescind: false, now);
        }

        // Mesos silently keeps the original user and checkpoint flag on re-subscription.
        info.User = framework.Info.User;
        info.Checkpoint = framework.Info.Checkpoint;
        framework.Info = info;
        framework.Stream = stream;
        framework.Active = true;
        framework.Recovered = false;
        framework.RegisteredTime ??= now;
        framework.ReregisteredTime = now;
        framework.UnregisteredTime = null;
        framework.FailoverGeneration++;
        framework.FailoverDeadline = null;
        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(suppressed);
        Outbox.Put(RegistryKeys.Framework(framework.Id), info);
        _allocator.UpdateFramework(framework.Id, framework.Roles, suppressed);
        _allocator.ActivateFramework(framework.Id);
        SendUpdateFrameworkToAgents(framework);
        _logger.FrameworkResubscribed(framework.Id, info.Name);
        Reply(() => respond(CallResult.Subscribed(framework.Id)));
        SendToFramework(framework, SchedulerEvents.Subscribed(framework.Id, _options.HeartbeatInterval.TotalSeconds, MasterInfo));
        SendToFramework(framework, SchedulerEvents.Heartbeat);
        Publish(OperatorEvents.FrameworkUpdated(SnapshotOf(framework)));
        Outbox.RequestAllocation(null);
    }

    /// <summary>The subscription stream ended (client went away or was replaced). Stale streams are ignored.</summary>
    public void FrameworkStreamClosed(string frameworkId, IFrameworkStream stream, DateTimeOffset now)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework) || !ReferenceEquals(framework.Stream, stream))
        {
            return;
        }

        framework.Stream = null;
        framework.Active = false;
        framework.UnregisteredTime = now;
        Count(MasterCounter.MessagesDeactivateFramework);
        foreach (var offerId in framework.OfferIds.ToList())
        {
            RemoveOffer(_offers[offerId], refuse: null, rescind: false, now);
        }

        _allocator.DeactivateFramework(framework.Id);
        framework.FailoverGeneration++;
        var timeout = framework.FailoverTimeout;
        _logger.FrameworkDisconnected(framework.Id, timeout.TotalSeconds);
        Publish(OperatorEvents.FrameworkUpdated(SnapshotOf(framework)));
        StartFailoverTimer(framework, now);
    }

    private void StartFailoverTimer(FrameworkRecord framework, DateTimeOffset now)
    {
        var deadline = now + framework.FailoverTimeout;
        framework.FailoverDeadline = deadline;
        _deadlines.Schedule(deadline, new Deadline(DeadlineKind.FrameworkFailover, framework.Id, framework.FailoverGeneration));
    }

    private void OnFailoverTimeout(Deadline deadline, DateTimeOffset now)
    {
        if (_frameworks.TryGetValue(deadline.Id, out var framework)
            && !framework.Connected
            && framework.FailoverGeneration == deadline.Generation)
        {
            _logger.FrameworkFailoverExpired(framework.Id);
            RemoveFramework(framework, now);
        }
    }

    /// <summary>TEARDOWN (scheduler or operator): removes the framework and kills its tasks.</summary>
    public bool Teardown(string frameworkId, DateTimeOffset now)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return false;
        }

        Count(MasterCounter.MessagesUnregisterFramework);
        _logger.FrameworkTornDown(frameworkId);
        RemoveFramework(framework, now);
        return true;
    }

    private void RemoveFramework(FrameworkRecord framework, DateTimeOffset now)
    {
        foreach (var offerId in framework.OfferIds.ToList())
        {
            RemoveOffer(_offers[offerId], refuse: null, rescind: false, now);
        }

        var agentsWithTasks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in framework.Tasks.Values.ToList())
        {
            agentsWithTasks.Add(task.AgentId);
            if (!TaskStates.IsTerminal(task.Proto.State))
            {
                var status = MasterStatus(framework, task, TaskState.TaskKilled, TaskStatus.Types.Reason.FrameworkRemoved, "Framework removed", now, partitionAware: true);
                ApplyStatusToTask(task, status, status.State, fromAgent: false);
            }

            CompleteTask(framework, task, now);
        }

        foreach (var agentId in agentsWithTasks)
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                SendToAgent(agent, new Protocol.Agent.MasterMessage
                {
                    ShutdownFramework = new Protocol.Agent.ShutdownFramework { FrameworkId = framework.Info.Id },
                });
            }
        }

        _allocator.RemoveFramework(framework.Id);
        if (framework.Stream is { } stream)
        {
            Outbox.Add(new MasterEffect.CloseFrameworkStream(stream));
            framework.Stream = null;
        }

        framework.Active = false;
        framework.UnregisteredTime = now;
        _frameworks.Remove(framework.Id);
        Outbox.Delete(RegistryKeys.Framework(framework.Id));

        _completedFrameworks.AddLast(SnapshotOf(framework));
        while (_completedFrameworks.Count > _options.MaxCompletedFrameworks)
        {
            _completedFrameworks.RemoveFirst();
        }

        _removedFrameworks[framework.Id] = framework.Info;
        _removedFrameworkOrder.Enqueue(framework.Id);
        Outbox.Put(RegistryKeys.RemovedFramework(framework.Id), framework.Info);
        while (_removedFrameworkOrder.Count > MaxRemovedFrameworksRemembered)
        {
            var oldest = _removedFrameworkOrder.Dequeue();
            _removedFrameworks.Remove(oldest);
            Outbox.Delete(RegistryKeys.RemovedFramework(oldest));
        }

        Publish(new MasterEvent
        {
            Type = MasterEvent.Types.Type.FrameworkRemoved,
            FrameworkRemoved = new MasterEvent.Types.FrameworkRemoved { FrameworkInfo = framework.Info },
        });
        Outbox.RequestAllocation(null);
    }

    /// <summary>UPDATE_FRAMEWORK: applies a new FrameworkInfo and suppressed roles; answers 200 once durable.</summary>
    private CallResult? UpdateFramework(FrameworkRecord framework, Call.Types.UpdateFramework update, DateTimeOffset now)
    {
        var info = update.FrameworkInfo.Clone();
        var suppressed = update.SuppressedRoles.Distinct(StringComparer.Ordinal).ToList();
        if (info.Id is null || info.Id.Value != framework.Id)
        {
            return CallResult.BadRequest("'update_framework.framework_info.id' must be set and equal 'framework_id'");
        }

        if ((FrameworkValidation.Validate(info, suppressed, _options.Roles) ?? FrameworkValidation.ValidateUpdate(framework.Info, info)) is { } problem)
        {
            return CallResult.BadRequest(problem);
        }

        Count(MasterCounter.MessagesUpdateFramework);
        framework.Info = info;
        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(suppressed);
        Outbox.Put(RegistryKeys.Framework(framework.Id), info);
        foreach (var offerId in framework.OfferIds.ToList())
        {
            var offer = _offers[offerId];
            if (!framework.Roles.Contains(offer.Role, StringComparer.Ordinal))
            {
                RemoveOffer(offer, refuse: null, rescind: true, now);
            }
        }

        _allocator.UpdateFramework(framework.Id, framework.Roles, suppressed);
        SendUpdateFrameworkToAgents(framework);
        Publish(OperatorEvents.FrameworkUpdated(SnapshotOf(framework)));
        Outbox.RequestAllocation(null);
        return CallResult.Ok;
    }

    private void SendUpdateFrameworkToAgents(FrameworkRecord framework)
    {
        foreach (var agentId in framework.Tasks.Values.Select(t => t.AgentId).Distinct(StringComparer.Ordinal))
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                SendToAgent(agent, new Protocol.Agent.MasterMessage
                {
                    UpdateFramework = new Protocol.Agent.UpdateFramework { FrameworkInfo = framework.Info },
                });
            }
        }
    }

    /// <summary>Moves a task to the framework's completed tasks and forgets it everywhere else.</summary>
    private void CompleteTask(FrameworkRecord framework, TaskRecord task, DateTimeOffset now)
    {
        ReleaseTaskResources(framework, task, now);
        framework.Tasks.Remove(task.TaskId);
        if (_agents.TryGetValue(task.AgentId, out var agent))
        {
            agent.Tasks.Remove(task.Key);
        }

        framework.AddCompleted(task.Proto, _options.MaxCompletedTasksPerFramework);
        Outbox.Delete(RegistryKeys.Task(task.FrameworkId, task.TaskId));
    }
}
