using Regatta.Resources;

namespace Regatta.Allocation;

/// <summary>One offer decided by the allocator: all of <paramref name="Resources"/> on one agent, to one framework in one role.</summary>
internal sealed record OfferAllocation(string FrameworkId, string Role, string AgentId, ResourceSet Resources);
