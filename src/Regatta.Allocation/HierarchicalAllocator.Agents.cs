using Regatta.Allocation.State;
using Regatta.Resources;

namespace Regatta.Allocation;

internal sealed partial class HierarchicalAllocator
{
    private List<AgentState>? _agentsById;

    /// <summary>
    /// Adds an agent (or replaces one with the same id). <paramref name="used"/> holds, per framework, what
    /// running tasks already use there (re-registration); frameworks not added yet are remembered until they are.
    /// </summary>
    public void AddAgent(string agentId, ResourceSet total, IReadOnlyDictionary<string, ResourceSet>? used = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentNullException.ThrowIfNull(total);
        if (_agents.ContainsKey(agentId))
        {
            RemoveAgent(agentId);
        }

        var agent = new AgentState(agentId, total);
        _agents.Add(agentId, agent);
        _agentsById = null;
        ChangeTotals(total, +1);
        if (used is null)
        {
            return;
        }

        foreach (var (frameworkId, resources) in used.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddUsed(frameworkId, agentId, resources);
        }
    }

    /// <summary>Forgets the agent: its allocations stop counting, its offer filters go.</summary>
    public void RemoveAgent(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return;
        }

        foreach (var frameworkId in agent.Allocations.Keys.ToList())
        {
            var framework = _frameworks[frameworkId];
            foreach (var (role, resources) in agent.Allocations[frameworkId].ToList())
            {
                Untrack(framework, role, agent, resources);
            }
        }

        foreach (var frameworkId in agent.Orphans.Keys)
        {
            RemoveOrphanIndex(frameworkId, agentId);
        }

        foreach (var framework in _frameworks.Values)
        {
            if (framework.Filters.Count == 0)
            {
                continue;
            }

            foreach (var key in framework.Filters.Keys.Where(k => k.AgentId == agentId).ToList())
            {
                framework.Filters.Remove(key);
            }
        }

        ChangeTotals(agent.Total, -1);
        _agents.Remove(agentId);
        _agentsById = null;
    }

    /// <summary>The agent's resources changed (e.g. reservations by operator); allocations are kept.</summary>
    public void UpdateAgentTotal(string agentId, ResourceSet total)
    {
        ArgumentNullException.ThrowIfNull(total);
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            return;
        }

        ChangeTotals(agent.Total, -1);
        agent.SetTotal(total);
        ChangeTotals(total, +1);
    }

    public void ActivateAgent(string agentId)
    {
        if (_agents.TryGetValue(agentId, out var agent))
        {
            agent.Active = true;
        }
    }

    /// <summary>A deactivated agent keeps its allocations but is not offered (disconnected, draining, maintenance).</summary>
    public void DeactivateAgent(string agentId)
    {
        if (_agents.TryGetValue(agentId, out var agent))
        {
            agent.Active = false;
        }
    }

    private List<AgentState> AgentsById()
    {
        if (_agentsById is null)
        {
            _agentsById = [.. _agents.Values];
            _agentsById.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        }

        return _agentsById;
    }

    private void AddOrphan(string frameworkId, AgentState agent, ResourceSet resources)
    {
        agent.Orphans[frameworkId] = agent.Orphans.TryGetValue(frameworkId, out var held) ? held + resources : resources;
        agent.AddAllocated(resources);
        if (!_orphanAgents.TryGetValue(frameworkId, out var agents))
        {
            agents = new HashSet<string>(StringComparer.Ordinal);
            _orphanAgents.Add(frameworkId, agents);
        }

        agents.Add(agent.Id);
    }

    private void RemoveOrphanIndex(string frameworkId, string agentId)
    {
        if (_orphanAgents.TryGetValue(frameworkId, out var agents) && agents.Remove(agentId) && agents.Count == 0)
        {
            _orphanAgents.Remove(frameworkId);
        }
    }
}
