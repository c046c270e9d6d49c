namespace Regatta.Services.Model;

/// <summary>
/// Legacy (1.4) <c>ipAddress</c>: asks for an IP per task on a named network; its discovery ports become port
/// mappings of a MESOS container. <c>groups</c> had no effect and is ignored.
/// </summary>
internal sealed record IpAddressSpec
{
    public string? NetworkName { get; init; }

    public ValueMap Labels { get; init; }

    /// <summary><c>discovery.ports</c>, already in port-mapping form (no host port).</summary>
    public ValueArray<PortMapping> DiscoveryPorts { get; init; }
}
