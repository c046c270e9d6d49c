using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// Works out where each app port of a task is reached from the scheduler, as Marathon does for its checks:
/// host and bridge networking go to the agent's host name and the host port; under <c>container</c> networking a
/// mapping with a host port goes there too, one without goes to the task's first IP address and the container port.
/// </summary>
internal static class TaskPorts
{
    /// <summary>One assignment per app port (port definitions, or port mappings under non-host networking).</summary>
    public static IReadOnlyList<TaskPortAssignment> Assign(AppDefinition app, TaskAddresses task)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(task);
        var result = new List<TaskPortAssignment>();
        if (app.HasContainerNetworking)
        {
            var mappings = app.Container?.PortMappings ?? [];
            var containerAddress = ContainerAddress(app, task);
            for (var i = 0; i < mappings.Count; i++)
            {
                var mapping = mappings[i];
                var hostPort = HostPort(task, i);
                result.Add(hostPort is not null
                    ? new TaskPortAssignment(mapping.Name, task.AgentHost, hostPort)
                    : new TaskPortAssignment(mapping.Name, containerAddress, containerAddress is null ? null : mapping.ContainerPort));
            }

            return result;
        }

        for (var i = 0; i < app.PortDefinitions.Count; i++)
        {
            result.Add(new TaskPortAssignment(app.PortDefinitions[i].Name, task.AgentHost, HostPort(task, i)));
        }

        return result;
    }

    /// <summary>
    /// The address a check with a fixed <c>port</c> connects to: the task's first IP address under
    /// <c>container</c> networking, else the agent's host name.
    /// </summary>
    public static string? EffectiveAddress(AppDefinition app, TaskAddresses task)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(task);
        return IsContainerMode(app) ? ContainerAddress(app, task) : task.AgentHost;
    }

    private static string? ContainerAddress(AppDefinition app, TaskAddresses task) =>
        IsContainerMode(app) ? task.IpAddresses?.FirstOrDefault(a => !string.IsNullOrEmpty(a)) : null;

    // Bridge networking reaches the task through the agent, like host networking; only named container networks
    // give the task an address of its own.
    private static bool IsContainerMode(AppDefinition app) => app.Networks.Any(n => n.Mode == NetworkMode.Container);

    private static int? HostPort(TaskAddresses task, int index) =>
        index < task.HostPorts.Count && task.HostPorts[index] is > 0 and var port ? port : null;
}
