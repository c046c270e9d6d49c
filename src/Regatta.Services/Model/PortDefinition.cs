namespace Regatta.Services.Model;

/// <summary>
/// <c>portDefinitions[]</c> under host networking: <see cref="Port"/> 0 asks for a dynamic host port and an assigned
/// service port; another value is the service port (and the host port too with <c>requirePorts</c>).
/// </summary>
internal sealed record PortDefinition
{
    public int Port { get; init; }

    public string Protocol { get; init; } = "tcp";

    public string? Name { get; init; }

    public ValueMap Labels { get; init; }
}
