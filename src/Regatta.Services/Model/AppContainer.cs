namespace Regatta.Services.Model;

/// <summary><c>container</c>: the containerizer, an optional image, host volumes and (non-host networks) port mappings.</summary>
internal sealed record AppContainer
{
    public ContainerType Type { get; init; } = ContainerType.Docker;

    public DockerSpec? Docker { get; init; }

    public ValueArray<HostVolume> Volumes { get; init; }

    public ValueArray<PortMapping> PortMappings { get; init; }
}
