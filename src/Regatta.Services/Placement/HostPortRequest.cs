namespace Regatta.Services.Placement;

/// <summary>
/// The host ports one task needs, one entry per app port: null = no host port (container mode without hostPort),
/// 0 = any port from the offer, N = exactly port N.
/// </summary>
internal sealed record HostPortRequest(IReadOnlyList<int?> Ports)
{
    public static HostPortRequest None { get; } = new([]);

    /// <summary>Host networking: <c>portDefinitions[].port</c> are service ports unless <c>requirePorts</c> makes them host ports too.</summary>
    public static HostPortRequest ForHostNetworking(IReadOnlyList<int> ports, bool requirePorts) =>
        new(ports.Select(p => (int?)(requirePorts ? p : 0)).ToList());

    /// <summary>Bridge or container networking: each mapping's <c>hostPort</c> (null when the mapping has none).</summary>
    public static HostPortRequest ForPortMappings(IEnumerable<int?> hostPorts) => new(hostPorts.ToList());

    /// <summary>Number of ports the offer must provide.</summary>
    public int Count => Ports.Count(p => p is not null);
}
