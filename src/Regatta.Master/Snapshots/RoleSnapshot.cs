using Regatta.Resources;

namespace Regatta.Master.Snapshots;

/// <summary>A role: whitelisted, weighted, subscribed to by a framework, or holding allocations.</summary>
/// <param name="Name">Role name.</param>
/// <param name="Weight">Its weight (1 unless configured).</param>
/// <param name="FrameworkIds">Frameworks subscribed to the role.</param>
/// <param name="Allocated">Resources used by tasks allocated to the role.</param>
/// <param name="Offered">Resources offered to the role's frameworks.</param>
/// <param name="Reserved">Resources reserved to the role on all agents.</param>
internal sealed record RoleSnapshot(
    string Name,
    double Weight,
    IReadOnlyList<string> FrameworkIds,
    ResourceSet Allocated,
    ResourceSet Offered,
    ResourceSet Reserved);
