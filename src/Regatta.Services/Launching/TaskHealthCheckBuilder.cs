using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// The one Mesos <c>HealthCheck</c> a task may carry. COMMAND, MESOS_HTTP, MESOS_HTTPS and MESOS_TCP checks run on
/// the agent next to the task; HTTP, HTTPS and TCP checks are probed by the scheduler and never appear here.
/// Mesos takes one check per task: like Marathon, the first agent-side check that resolves to a port is used and
/// any further ones are dropped (the validator already refuses more than one).
/// </summary>
internal static class TaskHealthCheckBuilder
{
    public static V1.HealthCheck? Build(AppDefinition app, IReadOnlyList<TaskPort> ports)
    {
        foreach (var check in app.HealthChecks)
        {
            if (!check.IsSchedulerCheck && ToProto(check, ports) is { } built)
            {
                return built;
            }
        }

        return null;
    }

    /// <summary>The Mesos form of one agent-side check, or null when its port cannot be resolved.</summary>
    public static V1.HealthCheck? ToProto(HealthCheck check, IReadOnlyList<TaskPort> ports)
    {
        var message = new V1.HealthCheck
        {
            DelaySeconds = check.DelaySeconds,
            IntervalSeconds = check.IntervalSeconds,
            TimeoutSeconds = check.TimeoutSeconds,
            ConsecutiveFailures = (uint)Math.Max(0, check.MaxConsecutiveFailures),
            GracePeriodSeconds = check.GracePeriodSeconds,
        };

        if (check.Protocol == HealthCheckProtocol.Command)
        {
            message.Type = V1.HealthCheck.Types.Type.Command;
            message.Command = new V1.CommandInfo { Shell = true, Value = check.Command ?? "" };
            return message;
        }

        if (PortOf(check, ports) is not { } port)
        {
            return null;
        }

        var ipProtocol = check.IpProtocol == IpProtocol.IPv6 ? V1.NetworkInfo.Types.Protocol.Ipv6 : V1.NetworkInfo.Types.Protocol.Ipv4;
        switch (check.Protocol)
        {
            case HealthCheckProtocol.MesosHttp or HealthCheckProtocol.MesosHttps:
                message.Type = V1.HealthCheck.Types.Type.Http;
                message.Http = new V1.HealthCheck.Types.HTTPCheckInfo
                {
                    Scheme = check.Protocol == HealthCheckProtocol.MesosHttp ? "http" : "https",
                    Port = (uint)port,
                    Protocol = ipProtocol,
                };
                if (check.Path is { } path)
                {
                    message.Http.Path = path;
                }

                return message;
            case HealthCheckProtocol.MesosTcp:
                message.Type = V1.HealthCheck.Types.Type.Tcp;
                message.Tcp = new V1.HealthCheck.Types.TCPCheckInfo { Port = (uint)port, Protocol = ipProtocol };
                return message;
            default:
                return null;
        }
    }

    /// <summary>
    /// A fixed <c>port</c> wins; otherwise <c>portIndex</c> (0 when neither is given). Mesos probes from inside the
    /// task's network namespace, so the container port is preferred over the host port (bridge networking).
    /// </summary>
    private static int? PortOf(HealthCheck check, IReadOnlyList<TaskPort> ports)
    {
        if (check.Port is { } fixedPort)
        {
            return fixedPort;
        }

        var index = check.PortIndex ?? 0;
        if (index < 0 || index >= ports.Count)
        {
            return null;
        }

        var port = ports[index].ContainerPort ?? ports[index].HostPort;
        return port is > 0 ? port : null;
    }
}
