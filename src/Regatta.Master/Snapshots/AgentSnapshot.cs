using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Snapshots;

/// <summary>One registered agent as the master sees it.</summary>
/// <param name="Info">AgentInfo with id, hostname, port, resources (total, as the agent reported them), attributes.</param>
/// <param name="Pid">The agent's UPID-style address, <c>slave(1)@ip:port</c>.</param>
/// <param name="Version">The version string the agent reported at registration.</param>
/// <param name="RegisteredTime">First registration with this master (or its registry).</param>
/// <param name="ReregisteredTime">Latest re-registration, if any.</param>
/// <param name="Active">Connected and offered (not deactivated).</param>
/// <param name="Connected">Has a live socket to this master.</param>
/// <param name="Deactivated">Taken out of offers by an operator (DEACTIVATE_AGENT).</param>
/// <param name="Capabilities">Capabilities the agent announced.</param>
/// <param name="Total">Total resources of the agent.</param>
/// <param name="AllocatedByRole">Resources used by tasks, per allocation role.</param>
/// <param name="OfferedByRole">Resources in outstanding offers, per allocation role.</param>
internal sealed record AgentSnapshot(
    AgentInfo Info,
    string Pid,
    string? Version,
    DateTimeOffset RegisteredTime,
    DateTimeOffset? ReregisteredTime,
    bool Active,
    bool Connected,
    bool Deactivated,
    IReadOnlyList<AgentInfo.Types.Capability> Capabilities,
    ResourceSet Total,
    IReadOnlyDictionary<string, ResourceSet> AllocatedByRole,
    IReadOnlyDictionary<string, ResourceSet> OfferedByRole)
{
    public string Id => Info.Id.Value;

    /// <summary>Sum of resources used by tasks on this agent.</summary>
    public ResourceSet Used => Sum(AllocatedByRole);

    /// <summary>Sum of resources in outstanding offers on this agent.</summary>
    public ResourceSet Offered => Sum(OfferedByRole);

    /// <summary>Statically or dynamically reserved resources, keyed by reservation role.</summary>
    public IReadOnlyDictionary<string, ResourceSet> ReservedByRole => Total.Reserved.ByRole();

    public ResourceSet Unreserved => Total.Unreserved;

    private static ResourceSet Sum(IReadOnlyDictionary<string, ResourceSet> byRole)
    {
        var total = ResourceSet.Empty;
        foreach (var resources in byRole.Values)
        {
            total += resources;
        }

        return total;
    }
}
