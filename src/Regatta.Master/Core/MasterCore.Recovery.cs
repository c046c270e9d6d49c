using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Resources;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// Master start: rebuilds state from the registry. Frameworks come back recovered and inactive with their
    /// failover timers running from now; agents come back recovering with agent_reregister_timeout to return;
    /// tasks are kept (their resources count again once their agent re-registers).
    /// </summary>
    public void Recover(RegistryState state, DateTimeOffset now)
    {
        foreach (var problem in state.Problems)
        {
            _logger.RegistryProblem(problem);
        }

        _goneAgents.UnionWith(state.Gone);
        if (state.Weights.Count > 0)
        {
            foreach (var (role, weight) in state.Weights)
            {
                _weights[role] = weight;
            }

            _allocator.UpdateWeights(_weights);
        }

        foreach (var info in state.RemovedFrameworks)
        {
            _removedFrameworks[info.Id.Value] = info;
            _removedFrameworkOrder.Enqueue(info.Id.Value);
        }

        foreach (var info in state.Frameworks)
        {
            if (_removedFrameworks.ContainsKey(info.Id.Value) || _frameworks.ContainsKey(info.Id.Value))
            {
                continue;
            }

            var framework = new FrameworkRecord(info) { Recovered = true };
            _frameworks.Add(framework.Id, framework);
            _allocator.AddFramework(framework.Id, framework.Roles, [], used: null, active: false);
            framework.FailoverGeneration++;
            StartFailoverTimer(framework, now);
        }

        foreach (var info in state.Agents)
        {
            var id = info.Id.Value;
            if (_goneAgents.Contains(id))
            {
                continue;
            }

            if (state.Unreachable.TryGetValue(id, out var since))
            {
                _unreachableAgents[id] = new UnreachableAgentSnapshot(info, since);
                continue;
            }

            var total = ResourceWire.TryFromProto(info.Resources, out var parsed, out _) ? parsed : ResourceSet.Empty;
            var agent = new AgentRecord(info, total, now) { Phase = AgentPhase.Recovering };
            _agents.Add(id, agent);
            _deadlines.Schedule(now + _options.AgentReregisterTimeout, new Deadline(DeadlineKind.AgentReregister, id, 0));
        }

        foreach (var task in state.Tasks)
        {
            var frameworkId = task.FrameworkId.Value;
            if (!_frameworks.TryGetValue(frameworkId, out var framework))
            {
                Outbox.Delete(RegistryKeys.Task(frameworkId, task.TaskId.Value));
                continue;
            }

            var role = task.Resources.Select(r => r.AllocationInfo?.Role).FirstOrDefault(r => !string.IsNullOrEmpty(r))
                ?? framework.Roles.FirstOrDefault()
                ?? RoleName.Unreserved;
            var resources = ResourceWire.TryFromProto(task.Resources, out var parsed, out _) ? parsed : ResourceSet.Empty;
            var record = new TaskRecord(task, role, resources);
            framework.Tasks[record.TaskId] = record;
            if (_agents.TryGetValue(record.AgentId, out var agent))
            {
                agent.Tasks.Add(record.Key);
            }
        }

        _logger.RegistryRecovered(_frameworks.Count, _agents.Count, state.Tasks.Count, _unreachableAgents.Count);
    }

    /// <summary>Replaces role weights (operator UPDATE_WEIGHTS / PUT /weights); null when applied, else the problem.</summary>
    public string? UpdateWeights(IReadOnlyDictionary<string, double> weights)
    {
        foreach (var (role, weight) in weights)
        {
            if (RoleName.Check(role) is { } problem)
            {
                return problem;
            }

            if (!double.IsFinite(weight) || weight <= 0)
            {
                return $"Weight of role '{role}' must be a positive number, got {weight}";
            }
        }

        foreach (var (role, weight) in weights)
        {
            _weights[role] = weight;
            Outbox.Put(RegistryKeys.Weight(role), new Protocol.V1.WeightInfo { Role = role, Weight = weight });
        }

        _allocator.UpdateWeights(_weights);
        Outbox.RequestAllocation(null);
        return null;
    }

    /// <summary>Operator DEACTIVATE_AGENT / REACTIVATE_AGENT; false for unknown agents.</summary>
    public bool SetAgentDeactivated(string agentId, bool deactivated, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return false;
        }

        agent.Deactivated = deactivated;
        if (deactivated)
        {
            RescindAgentOffers(agent, now);
            _allocator.DeactivateAgent(agentId);
        }
        else if (agent.Phase == AgentPhase.Connected)
        {
            _allocator.ActivateAgent(agentId);
            Outbox.RequestAllocation(agentId);
        }

        return true;
    }
}
