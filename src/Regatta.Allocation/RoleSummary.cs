using Regatta.Resources;

namespace Regatta.Allocation;

/// <summary>A role as the allocator sees it, for <c>/master/roles</c> and metrics.</summary>
internal sealed record RoleSummary(string Name, double Weight, ResourceSet Allocated, double DominantShare, IReadOnlyList<string> Frameworks);
