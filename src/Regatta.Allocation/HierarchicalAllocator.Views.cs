using Regatta.Resources;

namespace Regatta.Allocation;

internal sealed partial class HierarchicalAllocator
{
    public int AgentCount => _agents.Count;

    public int FrameworkCount => _frameworks.Count;

    /// <summary>Cluster total of a scalar resource over all agents (<c>allocator/mesos/resources/&lt;r&gt;/total</c>).</summary>
    public double TotalScalar(string name) => _totals.GetValueOrDefault(name) / 1000.0;

    /// <summary>Weighted dominant share of the role (<c>allocator/mesos/roles/&lt;role&gt;/shares/dominant</c>); 0 for unknown roles.</summary>
    public double DominantShare(string role) => _roles.ContainsKey(role) ? _roleSorter.Share(role) : 0;

    /// <summary>Weighted dominant share of a framework within one of its roles; 0 when not tracked there.</summary>
    public double FrameworkShare(string frameworkId, string role) =>
        _roles.TryGetValue(role, out var state) ? state.Frameworks.Share(frameworkId) : 0;

    /// <summary>
    /// Roles with frameworks, with a non-default weight, or on the whitelist (what <c>/master/roles</c> lists),
    /// sorted by name, with what is allocated (offered or used) to each.
    /// </summary>
    public IReadOnlyList<RoleSummary> RoleSummaries
    {
        get
        {
            var names = new SortedSet<string>(_roles.Keys, StringComparer.Ordinal);
            names.UnionWith(_weights.Keys);
            if (_options.RoleWhitelist is not null)
            {
                names.UnionWith(_options.RoleWhitelist);
            }

            var allocated = new Dictionary<string, ResourceSet>(StringComparer.Ordinal);
            foreach (var agent in _agents.Values)
            {
                foreach (var byRole in agent.Allocations.Values)
                {
                    foreach (var (role, resources) in byRole)
                    {
                        allocated[role] = allocated.TryGetValue(role, out var sum) ? sum + resources : resources;
                    }
                }
            }

            return [.. names.Select(name => new RoleSummary(
                name,
                Weight(name),
                allocated.GetValueOrDefault(name) ?? ResourceSet.Empty,
                DominantShare(name),
                _roles.TryGetValue(name, out var state) ? [.. state.FrameworkIds] : []))];
        }
    }

    /// <summary>What the agent could offer now (total minus offered and used); empty for unknown agents.</summary>
    public ResourceSet AgentAvailable(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? agent.Available : ResourceSet.Empty;

    /// <summary>Everything offered or used on the agent, including by frameworks not added yet.</summary>
    public ResourceSet AgentAllocated(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? agent.Allocated : ResourceSet.Empty;

    public ResourceSet AgentTotal(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? agent.Total : ResourceSet.Empty;

    /// <summary>What the framework holds (offered or used) on the agent, summed over its roles.</summary>
    public ResourceSet FrameworkAllocated(string frameworkId, string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent) || !agent.Allocations.TryGetValue(frameworkId, out var byRole))
        {
            return ResourceSet.Empty;
        }

        var sum = ResourceSet.Empty;
        foreach (var resources in byRole.Values)
        {
            sum += resources;
        }

        return sum;
    }

    /// <summary>Offer filters installed for the role and not yet pruned (pruning happens at each <see cref="Allocate"/>).</summary>
    public int ActiveFilterCount(string role)
    {
        var count = 0;
        foreach (var framework in _frameworks.Values)
        {
            foreach (var (key, filters) in framework.Filters)
            {
                if (key.Role == role)
                {
                    count += filters.Count;
                }
            }
        }

        return count;
    }

    public bool IsSuppressed(string frameworkId, string role) =>
        _frameworks.TryGetValue(frameworkId, out var framework) && framework.Suppressed.Contains(role);
}
