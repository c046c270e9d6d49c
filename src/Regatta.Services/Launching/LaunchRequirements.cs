using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Launching;

/// <summary>
/// What one task of an app asks of an offer, in the port order <see cref="TaskBuilder"/> expects back in
/// <see cref="OfferMatch.HostPorts"/>: one entry per <c>portDefinitions</c> item under host networking (dynamic,
/// or the port itself with <c>requirePorts</c>), one per <c>container.portMappings</c> item otherwise.
/// </summary>
internal static class LaunchRequirements
{
    /// <exception cref="FormatException">A stored constraint does not parse (validated apps never have one).</exception>
    public static TaskRequirements For(AppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ports = app.HasContainerNetworking
            ? HostPortRequest.ForPortMappings((app.Container?.PortMappings ?? []).Select(m => m.HostPort))
            : HostPortRequest.ForHostNetworking([.. app.PortDefinitions.Select(p => p.Port)], app.RequirePorts);
        return new TaskRequirements(
            Cpus: app.Cpus,
            Mem: app.Mem,
            Disk: app.Disk,
            Gpus: app.Gpus,
            Ports: ports,
            Role: app.Role,
            AcceptedResourceRoles: app.AcceptedResourceRoles is { } roles ? [.. roles] : null,
            Constraints: [.. app.Constraints.Select(c => Constraint.Parse([.. c]))]);
    }
}
