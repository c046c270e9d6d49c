namespace Regatta.Services.Model;

/// <summary>
/// <c>container.portMappings[]</c> under bridge or container networking. A null <see cref="HostPort"/> means no
/// host port (container mode only; bridge mode fills in 0, a dynamic port). A 0 service port is assigned later.
/// </summary>
internal sealed record PortMapping
{
    public int ContainerPort { get; init; }

    public int? HostPort { get; init; }

    public int ServicePort { get; init; }

    public string Protocol { get; init; } = "tcp";

    public string? Name { get; init; }

    public ValueMap Labels { get; init; }

    public ValueArray<string> NetworkNames { get; init; }
}
