using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;
using OperationType = Regatta.Protocol.V1.Offer.Types.Operation.Types.Type;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// ACCEPT: validates the offers (all this framework's, one agent, each used once), launches valid tasks
    /// (persisted before RunTask goes out), answers invalid ones with TASK_ERROR, and returns what was not
    /// used to the allocator filtered for refuse_seconds.
    /// </summary>
    private void Accept(FrameworkRecord framework, Call.Types.Accept accept, DateTimeOffset now)
    {
        var launches = accept.Operations.Where(o => o.Type == OperationType.Launch && o.Launch is not null)
            .SelectMany(o => o.Launch.TaskInfos).ToList();
        var groupTasks = accept.Operations.Where(o => o.Type == OperationType.LaunchGroup && o.LaunchGroup?.TaskGroup is not null)
            .SelectMany(o => o.LaunchGroup.TaskGroup.Tasks).ToList();
        if (launches.Count > 0 || groupTasks.Count > 0)
        {
            Count(MasterCounter.MessagesLaunchTasks);
        }

        var offers = new List<OfferRecord>();
        var offerProblem = ValidateOffers(framework, accept.OfferIds, offers);
        AgentRecord? agent = null;
        var lostReason = Reason.InvalidOffers;
        if (offerProblem is null && !_agents.TryGetValue(offers[0].AgentId, out agent))
        {
            offerProblem = $"Agent {offers[0].AgentId} is not registered";
            lostReason = Reason.AgentRemoved;
        }
        else if (offerProblem is null && agent!.Phase != AgentPhase.Connected)
        {
            offerProblem = $"Agent {agent.Id} is disconnected";
            lostReason = Reason.AgentDisconnected;
        }

        if (offerProblem is not null)
        {
            _logger.AcceptRejected(framework.Id, offerProblem);
            foreach (var offer in offers)
            {
                RemoveOffer(offer, refuse: null, rescind: false, now);
            }

            foreach (var task in launches.Concat(groupTasks))
            {
                var state = framework.PartitionAware ? TaskState.TaskDropped : TaskState.TaskLost;
                Count(framework.PartitionAware ? MasterCounter.TaskDroppedSourceMasterReasonInvalidOffers : MasterCounter.TaskLostSourceMasterReasonInvalidOffers);
                SendToFramework(framework, SchedulerEvents.Update(
                    NewMasterStatus(task.TaskId, task.AgentId, state, lostReason, offerProblem, now)));
            }

            return;
        }

        var remaining = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
        foreach (var offer in offers)
        {
            DetachOffer(offer);
            remaining[offer.Role] = remaining.TryGetValue(offer.Role, out var sum) ? sum + offer.Resources : offer.Resources;
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in accept.Operations)
        {
            switch (operation.Type)
            {
                case OperationType.Launch when operation.Launch is not null:
                    foreach (var task in operation.Launch.TaskInfos)
                    {
                        TryLaunch(framework, agent!, task, remaining, seenIds, now);
                    }

                    break;
                case OperationType.LaunchGroup when operation.LaunchGroup?.TaskGroup is not null:
                    foreach (var task in operation.LaunchGroup.TaskGroup.Tasks)
                    {
                        RejectTask(framework, task, "LAUNCH_GROUP is not supported by this master", now);
                    }

                    break;
                default:
                    _logger.OperationUnsupported(framework.Id, operation.Type.ToString());
                    break;
            }
        }

        var refuse = RefuseDuration(accept.Filters);
        foreach (var (role, left) in remaining)
        {
            if (!left.IsEmpty)
            {
                _allocator.Recover(framework.Id, agent!.Id, left, refuse, now, role);
            }
        }

        Outbox.RequestAllocation(agent!.Id);
    }

    /// <summary>DECLINE: gives the offers back, filtered for refuse_seconds; unknown offers are ignored.</summary>
    private void Decline(FrameworkRecord framework, Call.Types.Decline decline, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesDeclineOffers);
        var refuse = RefuseDuration(decline.Filters);
        foreach (var offerId in decline.OfferIds)
        {
            if (_offers.TryGetValue(offerId.Value, out var offer) && offer.FrameworkId == framework.Id)
            {
                RemoveOffer(offer, refuse, rescind: false, now);
            }
        }
    }

    private string? ValidateOffers(FrameworkRecord framework, IEnumerable<OfferID> offerIds, List<OfferRecord> valid)
    {
        string? problem = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var offerId in offerIds)
        {
            var id = offerId.Value;
            if (!seen.Add(id))
            {
                problem ??= $"Duplicate offer {id} in the same call";
                continue;
            }

            if (!_offers.TryGetValue(id, out var offer))
            {
                problem ??= $"Offer {id} is no longer valid";
                continue;
            }

            if (offer.FrameworkId != framework.Id)
            {
                problem ??= $"Offer {id} has invalid framework {offer.FrameworkId} while framework {framework.Id} is expected";
                continue;
            }

            if (valid.Count > 0 && valid[0].AgentId != offer.AgentId)
            {
                problem ??= $"Aggregated offers must belong to one single agent: offer {id} has agent {offer.AgentId}, expected {valid[0].AgentId}";
            }

            valid.Add(offer);
        }

        if (seen.Count == 0)
        {
            problem ??= "No offers specified";
        }

        return problem;
    }

    private void TryLaunch(
        FrameworkRecord framework, AgentRecord agent, TaskInfo taskInfo, Dictionary<string, ResourceSet> remaining, HashSet<string> seenIds, DateTimeOffset now)
    {
        var problem = TaskValidation.Validate(taskInfo, framework, agent.Id, seenIds, out var resources);
        string? role = null;
        if (problem is null)
        {
            var named = taskInfo.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => !string.IsNullOrEmpty(r));
            role = named ?? (remaining.Count == 1 ? remaining.Keys.First() : null);
            if (role is null)
            {
                problem = "Task resources must carry 'allocation_info.role' when offers of several roles are accepted together";
            }
            else if (!remaining.TryGetValue(role, out var available))
            {
                problem = $"Task resources are allocated to role '{role}' but no accepted offer is for that role";
            }
            else if (!available.Contains(resources))
            {
                problem = $"Task uses more resources {resources} than available {available}";
            }
        }

        seenIds.Add(taskInfo.TaskId.Value);
        if (problem is not null)
        {
            RejectTask(framework, taskInfo, problem, now);
            return;
        }

        remaining[role!] = remaining[role!].SubtractAvailable(resources);
        Launch(framework, agent, taskInfo, role!, resources, now);
    }

    private void RejectTask(FrameworkRecord framework, TaskInfo taskInfo, string problem, DateTimeOffset now)
    {
        _logger.TaskRejected(framework.Id, taskInfo.TaskId.Value, problem);
        Count(MasterCounter.TaskErrorSourceMasterReasonTaskInvalid);
        SendToFramework(framework, SchedulerEvents.Update(
            NewMasterStatus(taskInfo.TaskId, taskInfo.AgentId, TaskState.TaskError, Reason.TaskInvalid, problem, now)));
    }

    private void Launch(FrameworkRecord framework, AgentRecord agent, TaskInfo taskInfo, string role, ResourceSet resources, DateTimeOffset now)
    {
        var info = taskInfo.Clone();
        foreach (var resource in info.Resources)
        {
            // Mesos adds the allocation role for frameworks that do not set it (non-MULTI_ROLE).
            resource.AllocationInfo ??= new Protocol.V1.Resource.Types.AllocationInfo { Role = role };
        }

        var task = new MesosTask
        {
            Name = info.Name,
            TaskId = info.TaskId,
            FrameworkId = framework.Info.Id,
            AgentId = agent.Info.Id,
            State = TaskState.TaskStaging,
        };
        task.Resources.AddRange(info.Resources);
        if (info.Executor is { } executor)
        {
            task.ExecutorId = executor.ExecutorId;
        }

        if (info.Labels is { } labels)
        {
            task.Labels = labels;
        }

        if (info.Discovery is { } discovery)
        {
            task.Discovery = discovery;
        }

        if (info.Container is { } container)
        {
            task.Container = container;
        }

        if (info.HealthCheck is { } healthCheck)
        {
            task.HealthCheck = healthCheck;
        }

        if (info.KillPolicy is { } killPolicy)
        {
            task.KillPolicy = killPolicy;
        }

        if (info.Command is { HasUser: true } command)
        {
            task.User = command.User;
        }

        task.Limits.Add(info.Limits);

        var record = new TaskRecord(task, role, resources) { HoldsResources = true };
        framework.Tasks.Add(record.TaskId, record);
        framework.Allocated.Add(role, resources);
        agent.Tasks.Add(record.Key);
        agent.Allocated.Add(role, resources);
        Count(MasterCounter.TasksLaunched);
        Outbox.Put(RegistryKeys.Task(framework.Id, record.TaskId), task);
        SendToAgent(agent, new Protocol.Agent.MasterMessage
        {
            RunTask = new Protocol.Agent.RunTask { Framework = framework.Info, Task = info },
        });
        _logger.TaskLaunched(framework.Id, record.TaskId, agent.Id);
        Publish(OperatorEvents.TaskAdded(task));
    }
}
