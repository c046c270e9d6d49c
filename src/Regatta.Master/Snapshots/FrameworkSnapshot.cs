using Regatta.Protocol.V1;
using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Snapshots;

/// <summary>One framework, active or completed.</summary>
/// <param name="Info">FrameworkInfo with its id, as last subscribed or updated.</param>
/// <param name="Active">Connected and not deactivated (offers may be sent).</param>
/// <param name="Connected">Has a subscription stream open.</param>
/// <param name="Recovered">Known from the registry or an agent but not re-subscribed since the master started.</param>
/// <param name="RegisteredTime">First SUBSCRIBE with this master (null for recovered frameworks).</param>
/// <param name="ReregisteredTime">Latest re-SUBSCRIBE, if any.</param>
/// <param name="UnregisteredTime">When it disconnected or was removed, if it did.</param>
/// <param name="Roles">The roles the framework subscribed with (MULTI_ROLE roles, or its single role).</param>
/// <param name="SuppressedRoles">Roles for which offers are suppressed.</param>
/// <param name="Offers">Outstanding offers.</param>
/// <param name="Tasks">Non-terminal tasks plus terminal ones whose update is not yet acknowledged.</param>
/// <param name="UnreachableTasks">Tasks on unreachable agents (PARTITION_AWARE frameworks only).</param>
/// <param name="CompletedTasks">Terminal, acknowledged tasks, oldest first (bounded).</param>
/// <param name="AllocatedByRole">Resources used by its tasks, per allocation role.</param>
/// <param name="OfferedByRole">Resources in its outstanding offers, per allocation role.</param>
internal sealed record FrameworkSnapshot(
    FrameworkInfo Info,
    bool Active,
    bool Connected,
    bool Recovered,
    DateTimeOffset? RegisteredTime,
    DateTimeOffset? ReregisteredTime,
    DateTimeOffset? UnregisteredTime,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> SuppressedRoles,
    IReadOnlyList<OfferSnapshot> Offers,
    IReadOnlyList<MesosTask> Tasks,
    IReadOnlyList<MesosTask> UnreachableTasks,
    IReadOnlyList<MesosTask> CompletedTasks,
    IReadOnlyDictionary<string, ResourceSet> AllocatedByRole,
    IReadOnlyDictionary<string, ResourceSet> OfferedByRole)
{
    public string Id => Info.Id.Value;

    public bool IsMultiRole => Info.Capabilities.Any(c => c.Type == FrameworkInfo.Types.Capability.Types.Type.MultiRole);

    public ResourceSet Used => Sum(AllocatedByRole);

    public ResourceSet Offered => Sum(OfferedByRole);

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
