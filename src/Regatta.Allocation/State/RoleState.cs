using Regatta.Allocation.Sorting;

namespace Regatta.Allocation.State;

/// <summary>A role known to the allocator (it has frameworks or allocations) and the sorter of its frameworks.</summary>
internal sealed class RoleState(string name, IFairnessSorter frameworks)
{
    public string Name { get; } = name;

    public IFairnessSorter Frameworks { get; } = frameworks;

    /// <summary>Frameworks tracked in this role, by id.</summary>
    public SortedSet<string> FrameworkIds { get; } = new(StringComparer.Ordinal);
}
