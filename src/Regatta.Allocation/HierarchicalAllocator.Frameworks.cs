using Regatta.Allocation.State;
using Regatta.Resources;

namespace Regatta.Allocation;

internal sealed partial class HierarchicalAllocator
{
    /// <summary>
    /// Adds a framework subscribed with <paramref name="roles"/>. <paramref name="used"/> holds, per agent, what its
    /// running tasks use (after master failover). Adding a known id updates its roles and activity instead.
    /// </summary>
    public void AddFramework(
        string frameworkId,
        IReadOnlyCollection<string> roles,
        IReadOnlyCollection<string> suppressedRoles,
        IReadOnlyDictionary<string, ResourceSet>? used = null,
        bool active = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(frameworkId);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(suppressedRoles);
        if (_frameworks.TryGetValue(frameworkId, out var existing))
        {
            UpdateFramework(frameworkId, roles, suppressedRoles);
            existing.Active = active;
            UpdateActivation(existing);
            return;
        }

        var framework = new FrameworkState(frameworkId) { Active = active };
        SetRoles(framework, roles, suppressedRoles);
        _frameworks.Add(frameworkId, framework);
        foreach (var role in framework.Roles.Order(StringComparer.Ordinal))
        {
            TrackFrameworkRole(framework, role);
        }

        AdoptOrphans(framework, used);
        if (used is null)
        {
            return;
        }

        foreach (var (agentId, resources) in used.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (_agents.TryGetValue(agentId, out var agent))
            {
                foreach (var (role, part) in SplitByRole(framework, resources, null))
                {
                    Track(framework, role, agent, part);
                }
            }
        }
    }

    /// <summary>
    /// Changes roles and suppression (UPDATE_FRAMEWORK, re-subscription). Roles leaving the suppressed set and
    /// roles removed lose their filters; a removed role stays tracked while the framework still holds resources in it.
    /// </summary>
    public void UpdateFramework(string frameworkId, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> suppressedRoles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(suppressedRoles);
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return;
        }

        var oldRoles = framework.Roles.ToList();
        var oldSuppressed = framework.Suppressed.ToList();
        SetRoles(framework, roles, suppressedRoles);
        foreach (var role in oldSuppressed.Where(r => framework.Roles.Contains(r) && !framework.Suppressed.Contains(r)))
        {
            ClearFilters(framework, role);
        }

        foreach (var role in framework.Roles.Order(StringComparer.Ordinal))
        {
            TrackFrameworkRole(framework, role);
        }

        foreach (var role in oldRoles.Where(r => !framework.Roles.Contains(r)))
        {
            ClearFilters(framework, role);
            MaybeUntrackFrameworkRole(framework, role);
        }

        UpdateActivation(framework);
    }

    /// <summary>Forgets the framework; everything it held (offers and tasks) becomes free.</summary>
    public void RemoveFramework(string frameworkId)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            ReleaseOrphans(frameworkId);
            return;
        }

        foreach (var agentId in framework.Agents.ToList())
        {
            var agent = _agents[agentId];
            foreach (var (role, resources) in agent.Allocations[frameworkId].ToList())
            {
                Untrack(framework, role, agent, resources);
            }
        }

        framework.Roles.Clear();
        foreach (var role in framework.TrackedRoles.ToList())
        {
            MaybeUntrackFrameworkRole(framework, role, force: true);
        }

        _frameworks.Remove(frameworkId);
    }

    public void ActivateFramework(string frameworkId) => SetActive(frameworkId, true);

    /// <summary>An inactive framework (disconnected, failing over) keeps its allocations but gets no offers.</summary>
    public void DeactivateFramework(string frameworkId) => SetActive(frameworkId, false);

    /// <summary>Stops offers for the given roles of the framework (empty = all its roles). Filters are kept.</summary>
    public void Suppress(string frameworkId, IReadOnlyCollection<string> roles)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return;
        }

        foreach (var role in Targets(framework, roles))
        {
            framework.Suppressed.Add(role);
        }

        UpdateActivation(framework);
    }

    /// <summary>Resumes offers for the given roles (empty = all its roles) and clears their offer filters.</summary>
    public void Revive(string frameworkId, IReadOnlyCollection<string> roles)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return;
        }

        foreach (var role in Targets(framework, roles))
        {
            framework.Suppressed.Remove(role);
            ClearFilters(framework, role);
        }

        UpdateActivation(framework);
    }

    private static List<string> Targets(FrameworkState framework, IReadOnlyCollection<string> roles) =>
        roles.Count == 0 ? [.. framework.Roles] : [.. roles.Where(framework.Roles.Contains)];

    private static void SetRoles(FrameworkState framework, IReadOnlyCollection<string> roles, IReadOnlyCollection<string> suppressedRoles)
    {
        framework.Roles.Clear();
        framework.Roles.UnionWith(roles);
        if (framework.Roles.Count == 0)
        {
            // A framework that names no role is in "*", like FrameworkInfo.role's default.
            framework.Roles.Add(RoleName.Unreserved);
        }

        framework.FirstRole = roles.FirstOrDefault() ?? RoleName.Unreserved;
        framework.Suppressed.Clear();
        framework.Suppressed.UnionWith(suppressedRoles.Where(framework.Roles.Contains));
    }

    private static void ClearFilters(FrameworkState framework, string role)
    {
        if (framework.Filters.Count == 0)
        {
            return;
        }

        foreach (var key in framework.Filters.Keys.Where(k => k.Role == role).ToList())
        {
            framework.Filters.Remove(key);
        }
    }

    private void SetActive(string frameworkId, bool active)
    {
        if (_frameworks.TryGetValue(frameworkId, out var framework))
        {
            framework.Active = active;
            UpdateActivation(framework);
        }
    }

    /// <summary>Turns resources reported by agents before the framework came back into its tracked allocations.</summary>
    private void AdoptOrphans(FrameworkState framework, IReadOnlyDictionary<string, ResourceSet>? used)
    {
        if (!_orphanAgents.Remove(framework.Id, out var agentIds))
        {
            return;
        }

        foreach (var agentId in agentIds.Order(StringComparer.Ordinal))
        {
            var agent = _agents[agentId];
            agent.Orphans.Remove(framework.Id, out var resources);
            if (resources is null)
            {
                continue;
            }

            if (used is not null && used.ContainsKey(agentId))
            {
                // The framework's own report for this agent replaces what the agent said.
                agent.RemoveAllocated(resources);
                continue;
            }

            foreach (var (role, part) in SplitByRole(framework, resources, null))
            {
                Track(framework, role, agent, part, addToAgent: false);
            }
        }
    }

    private void ReleaseOrphans(string frameworkId)
    {
        if (!_orphanAgents.Remove(frameworkId, out var agentIds))
        {
            return;
        }

        foreach (var agentId in agentIds)
        {
            var agent = _agents[agentId];
            if (agent.Orphans.Remove(frameworkId, out var resources))
            {
                agent.RemoveAllocated(resources);
            }
        }
    }
}
