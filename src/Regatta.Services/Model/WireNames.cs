namespace Regatta.Services.Model;

/// <summary>The JSON spellings of the model's enums, exactly as Marathon writes them.</summary>
internal static class WireNames
{
    public static string Of(ContainerType type) => type == ContainerType.Docker ? "DOCKER" : "MESOS";

    public static string Of(NetworkMode mode) => mode switch
    {
        NetworkMode.Host => "host",
        NetworkMode.ContainerBridge => "container/bridge",
        _ => "container",
    };

    public static string Of(HealthCheckProtocol protocol) => protocol switch
    {
        HealthCheckProtocol.Http => "HTTP",
        HealthCheckProtocol.Https => "HTTPS",
        HealthCheckProtocol.Tcp => "TCP",
        HealthCheckProtocol.Command => "COMMAND",
        HealthCheckProtocol.MesosHttp => "MESOS_HTTP",
        HealthCheckProtocol.MesosHttps => "MESOS_HTTPS",
        _ => "MESOS_TCP",
    };

    public static string Of(KillSelection selection) =>
        selection == KillSelection.YoungestFirst ? "YOUNGEST_FIRST" : "OLDEST_FIRST";

    public static string Of(VolumeMode mode) => mode == VolumeMode.ReadOnly ? "RO" : "RW";

    public static string Of(IpProtocol protocol) => protocol == IpProtocol.IPv4 ? "IPv4" : "IPv6";

    public static ContainerType? ParseContainerType(string text) => text switch
    {
        "DOCKER" => ContainerType.Docker,
        "MESOS" => ContainerType.Mesos,
        _ => null,
    };

    public static NetworkMode? ParseNetworkMode(string text) => text switch
    {
        "host" => NetworkMode.Host,
        "container/bridge" => NetworkMode.ContainerBridge,
        "container" => NetworkMode.Container,
        _ => null,
    };

    public static HealthCheckProtocol? ParseHealthCheckProtocol(string text) => text switch
    {
        "HTTP" => HealthCheckProtocol.Http,
        "HTTPS" => HealthCheckProtocol.Https,
        "TCP" => HealthCheckProtocol.Tcp,
        "COMMAND" => HealthCheckProtocol.Command,
        "MESOS_HTTP" => HealthCheckProtocol.MesosHttp,
        "MESOS_HTTPS" => HealthCheckProtocol.MesosHttps,
        "MESOS_TCP" => HealthCheckProtocol.MesosTcp,
        _ => null,
    };

    public static KillSelection? ParseKillSelection(string text) => text switch
    {
        "YOUNGEST_FIRST" => KillSelection.YoungestFirst,
        "OLDEST_FIRST" => KillSelection.OldestFirst,
        _ => null,
    };

    public static VolumeMode? ParseVolumeMode(string text) => text switch
    {
        "RO" => VolumeMode.ReadOnly,
        "RW" => VolumeMode.ReadWrite,
        _ => null,
    };

    public static IpProtocol? ParseIpProtocol(string text) => text switch
    {
        "IPv4" => IpProtocol.IPv4,
        "IPv6" => IpProtocol.IPv6,
        _ => null,
    };

    /// <summary>Port protocols: <c>tcp</c>, <c>udp</c> or both; Marathon also reads <c>tcp,udp</c> as <c>udp,tcp</c>.</summary>
    public static string? ParsePortProtocol(string text) => text switch
    {
        "tcp" or "udp" or "udp,tcp" => text,
        "tcp,udp" => "udp,tcp",
        _ => null,
    };

    /// <summary>Readiness checks speak HTTP or HTTPS only.</summary>
    public static bool IsHttpScheme(string text) => text is "HTTP" or "HTTPS";
}
