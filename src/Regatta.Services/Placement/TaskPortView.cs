namespace Regatta.Services.Placement;

/// <summary>One app port of a launched task, as the environment builder needs it.</summary>
/// <param name="RequestedPort">
/// The port the app asked for: <c>portDefinitions[].port</c> in host mode (the service port, or the host port with
/// requirePorts), the <c>containerPort</c> in bridge or container mode; 0 when none.
/// </param>
/// <param name="HostPort">The host port picked from the offer; null when the port has none.</param>
/// <param name="ContainerPort">The container port (bridge or container mode); used when there is no host port.</param>
/// <param name="Name">The port's name, if any.</param>
internal sealed record TaskPortView(int RequestedPort, int? HostPort, int? ContainerPort = null, string? Name = null)
{
    /// <summary>The number the task sees: its host port, else its container port.</summary>
    public int? EffectivePort => HostPort ?? (ContainerPort is > 0 ? ContainerPort : null);
}
