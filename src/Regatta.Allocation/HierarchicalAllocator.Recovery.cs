using Regatta.Allocation.State;
using Regatta.Resources;

namespace Regatta.Allocation;

internal sealed partial class HierarchicalAllocator
{
    /// <summary>
    /// Counts <paramref name="resources"/> as used by the framework on the agent (e.g. a task recovered on
    /// re-registration). Reserved resources count in their reservation's role; unreserved ones in
    /// <paramref name="role"/>, or the framework's first role when null.
    /// </summary>
    public void AddUsed(string frameworkId, string agentId, ResourceSet resources, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (resources.IsEmpty || !_agents.TryGetValue(agentId, out var agent))
        {
            return;
        }

        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            AddOrphan(frameworkId, agent, resources);
            return;
        }

        foreach (var (partRole, part) in SplitByRole(framework, resources, role))
        {
            Track(framework, partRole, agent, part);
        }
    }

    /// <summary>
    /// Returns resources the framework held on the agent (offer declined, left unused, rescinded, or a task
    /// ended). A positive <paramref name="refuse"/> installs a filter for max(refuse, allocation interval),
    /// capped at 365 days; null or zero installs none. <paramref name="role"/>, when known (the offer's
    /// allocation role), says which role's allocation the unreserved part came from.
    /// </summary>
    public void Recover(string frameworkId, string agentId, ResourceSet resources, TimeSpan? refuse, DateTimeOffset now, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (resources.IsEmpty || !_agents.TryGetValue(agentId, out var agent))
        {
            return;
        }

        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            RecoverOrphan(frameworkId, agent, resources);
            return;
        }

        if (!agent.Allocations.TryGetValue(frameworkId, out var byRole))
        {
            return;
        }

        var remaining = resources;
        foreach (var bucketRole in RecoveryOrder(byRole.Keys, role))
        {
            if (remaining.IsEmpty)
            {
                break;
            }

            if (!byRole.TryGetValue(bucketRole, out var held))
            {
                continue;
            }

            var part = Common(remaining, held);
            if (part.IsEmpty)
            {
                continue;
            }

            remaining = remaining.SubtractAvailable(part);
            Untrack(framework, bucketRole, agent, part);
            if (refuse is { } duration && duration > TimeSpan.Zero)
            {
                AddFilter(framework, bucketRole, agentId, part, duration, now);
            }
        }
    }

    private static List<string> RecoveryOrder(IEnumerable<string> roles, string? first)
    {
        var order = roles.Order(StringComparer.Ordinal).ToList();
        if (first is not null && order.Remove(first))
        {
            order.Insert(0, first);
        }

        return order;
    }

    private void AddFilter(FrameworkState framework, string role, string agentId, ResourceSet refused, TimeSpan refuse, DateTimeOffset now)
    {
        // The filter must outlive the next allocation run, or a decline would be re-offered at once.
        var duration = refuse < _options.AllocationInterval ? _options.AllocationInterval : refuse;
        if (duration > AllocatorOptions.MaxRefuse)
        {
            duration = AllocatorOptions.MaxRefuse;
        }

        var key = (role, agentId);
        if (!framework.Filters.TryGetValue(key, out var filters))
        {
            filters = [];
            framework.Filters.Add(key, filters);
        }

        filters.Add(new OfferFilter(refused, now + duration));
    }

    private void RecoverOrphan(string frameworkId, AgentState agent, ResourceSet resources)
    {
        if (!agent.Orphans.TryGetValue(frameworkId, out var held))
        {
            return;
        }

        var part = Common(resources, held);
        var left = held.SubtractAvailable(part);
        agent.RemoveAllocated(part);
        if (left.IsEmpty)
        {
            agent.Orphans.Remove(frameworkId);
            RemoveOrphanIndex(frameworkId, agent.Id);
        }
        else
        {
            agent.Orphans[frameworkId] = left;
        }
    }

    private void PruneFilters(DateTimeOffset now)
    {
        foreach (var framework in _frameworks.Values)
        {
            if (framework.Filters.Count == 0)
            {
                continue;
            }

            foreach (var (key, filters) in framework.Filters)
            {
                filters.RemoveAll(f => f.IsExpired(now));
                if (filters.Count == 0)
                {
                    // Removing during enumeration is allowed for Dictionary since .NET Core 3.0.
                    framework.Filters.Remove(key);
                }
            }
        }
    }

    private static bool IsFiltered(FrameworkState framework, string role, string agentId, ResourceSet candidate, DateTimeOffset now)
    {
        if (framework.Filters.Count == 0 || !framework.Filters.TryGetValue((role, agentId), out var filters))
        {
            return false;
        }

        foreach (var filter in filters)
        {
            if (filter.Matches(candidate, now))
            {
                return true;
            }
        }

        return false;
    }
}
