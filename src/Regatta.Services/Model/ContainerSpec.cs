namespace Regatta.Services.Model;

/// <summary>
/// <c>container</c> as given. <see cref="PortMappings"/> null means "not given" (a default mapping applies under
/// bridge or container networking; an empty list means no ports). The legacy Docker fields are migrated away.
/// </summary>
internal sealed record ContainerSpec
{
    public ContainerType Type { get; init; } = ContainerType.Docker;

    public DockerSpec? Docker { get; init; }

    public ValueArray<HostVolume> Volumes { get; init; }

    public ValueArray<PortMapping>? PortMappings { get; init; }

    /// <summary>Legacy <c>container.docker.network</c>: HOST, BRIDGE, USER or NONE.</summary>
    public string? LegacyDockerNetwork { get; init; }

    /// <summary>Legacy <c>container.docker.portMappings</c>.</summary>
    public ValueArray<PortMapping>? LegacyDockerPortMappings { get; init; }

    public static ContainerSpec From(AppContainer container, bool containerNetworking) => new()
    {
        Type = container.Type,
        Docker = container.Docker,
        Volumes = container.Volumes,
        PortMappings = containerNetworking ? container.PortMappings : null,
    };
}
