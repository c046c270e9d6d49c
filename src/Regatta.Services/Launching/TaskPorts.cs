using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Launching;

/// <summary>
/// Lines the host ports of an <see cref="OfferMatch"/> up with the app's ports. Every other part of the task
/// (environment, Docker port mappings, discovery, health-check ports) reads ports from this one list.
/// </summary>
internal static class TaskPorts
{
    /// <summary>
    /// One entry per app port. <paramref name="hostPorts"/> is <see cref="OfferMatch.HostPorts"/>: one entry per app
    /// port, or empty when the app asked for no host port at all.
    /// </summary>
    /// <exception cref="ArgumentException">The host ports do not fit the app's ports (a caller bug).</exception>
    public static IReadOnlyList<TaskPort> Assign(AppDefinition app, IReadOnlyList<int?> hostPorts)
    {
        var ports = new List<TaskPort>();
        if (app.HasContainerNetworking)
        {
            var mappings = app.Container?.PortMappings ?? [];
            CheckCount(app, hostPorts, mappings.Count);
            for (var i = 0; i < mappings.Count; i++)
            {
                var m = mappings[i];
                var hostPort = HostPortAt(hostPorts, i);
                if ((m.HostPort is null) != (hostPort is null))
                {
                    throw new ArgumentException(
                        $"port mapping {i} of {app.Id} {(m.HostPort is null ? "has no host port but got one" : "needs a host port but got none")}",
                        nameof(hostPorts));
                }

                var containerPort = m.ContainerPort == 0 && hostPort is { } bound ? bound : m.ContainerPort;
                ports.Add(new TaskPort(i, m.ContainerPort, hostPort, containerPort, m.Name, m.Protocol, m.Labels, m.NetworkNames));
            }

            return ports;
        }

        CheckCount(app, hostPorts, app.PortDefinitions.Count);
        for (var i = 0; i < app.PortDefinitions.Count; i++)
        {
            var d = app.PortDefinitions[i];
            var hostPort = HostPortAt(hostPorts, i)
                ?? throw new ArgumentException($"port definition {i} of {app.Id} got no host port", nameof(hostPorts));
            ports.Add(new TaskPort(i, d.Port, hostPort, null, d.Name, d.Protocol, d.Labels, []));
        }

        return ports;
    }

    private static void CheckCount(AppDefinition app, IReadOnlyList<int?> hostPorts, int portCount)
    {
        if (hostPorts.Count != 0 && hostPorts.Count != portCount)
        {
            throw new ArgumentException(
                $"the offer match has {hostPorts.Count} host port entries, app {app.Id} has {portCount} ports",
                nameof(hostPorts));
        }
    }

    private static int? HostPortAt(IReadOnlyList<int?> hostPorts, int index) => hostPorts.Count == 0 ? null : hostPorts[index];
}
