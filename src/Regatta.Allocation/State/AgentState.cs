using Regatta.Resources;

namespace Regatta.Allocation.State;

/// <summary>An agent's total, what is allocated on it (offered or in use) and by whom.</summary>
internal sealed class AgentState(string id, ResourceSet total)
{
    private ResourceSet? _available;

    public string Id { get; } = id;

    public ResourceSet Total { get; private set; } = total;

    /// <summary>Sum of everything allocated on the agent, including allocations of frameworks not yet added.</summary>
    public ResourceSet Allocated { get; private set; } = ResourceSet.Empty;

    public bool Active { get; set; } = true;

    /// <summary>framework → role → resources (offered or used).</summary>
    public Dictionary<string, Dictionary<string, ResourceSet>> Allocations { get; } = new(StringComparer.Ordinal);

    /// <summary>Resources used by frameworks the allocator does not know yet (agent re-registered first).</summary>
    public Dictionary<string, ResourceSet> Orphans { get; } = new(StringComparer.Ordinal);

    /// <summary>Total minus allocated; saturating, so a total shrunk below the allocation gives nothing rather than failing.</summary>
    public ResourceSet Available => _available ??= Total.SubtractAvailable(Allocated);

    public void SetTotal(ResourceSet total)
    {
        Total = total;
        _available = null;
    }

    public void AddAllocated(ResourceSet resources)
    {
        Allocated += resources;
        _available = null;
    }

    public void RemoveAllocated(ResourceSet resources)
    {
        Allocated = Allocated.SubtractAvailable(resources);
        _available = null;
    }
}
