using Regatta.Services.Model;

namespace Regatta.Services.Launching;

/// <summary>
/// One app port of a task about to launch, with the host port the offer gave it. Under host networking it comes
/// from <c>portDefinitions[i]</c>; under bridge or container networking from <c>container.portMappings[i]</c>.
/// </summary>
/// <param name="Index">Position in the app's port list (what <c>portIndex</c> and <c>PORT{n}</c> refer to).</param>
/// <param name="RequestedPort">
/// <c>portDefinitions[].port</c> (host networking) or <c>containerPort</c> as written in the app (may be 0).
/// </param>
/// <param name="HostPort">The agent port taken from the offer; null for a container-only mapping.</param>
/// <param name="ContainerPort">
/// The port inside the container (null under host networking). A mapping with <c>containerPort: 0</c> and a host
/// port listens on the host port number, as in Marathon.
/// </param>
/// <param name="Protocol">Marathon's protocol text: <c>tcp</c>, <c>udp</c> or <c>udp,tcp</c>.</param>
internal sealed record TaskPort(
    int Index,
    int RequestedPort,
    int? HostPort,
    int? ContainerPort,
    string? Name,
    string Protocol,
    ValueMap Labels,
    ValueArray<string> NetworkNames)
{
    /// <summary>The protocols one at a time (<c>udp,tcp</c> → <c>udp</c>, <c>tcp</c>).</summary>
    public IEnumerable<string> Protocols =>
        Protocol.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
