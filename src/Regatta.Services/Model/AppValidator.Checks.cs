namespace Regatta.Services.Model;

/// <summary>Health and readiness checks.</summary>
internal static partial class AppValidator
{
    public const string HealthPortIndex = "Health check port indices must address an element of the ports array or container port mappings.";
    public const string OneMesosHealthCheck = "AppDefinition can contain at most one Mesos health check";
    public const string HealthIpProtocol = "IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks";

    private static void ValidateHealthChecks(AppDefinition app, ErrorCollector errors)
    {
        var portCount = app.PortCount;
        for (var i = 0; i < app.HealthChecks.Count; i++)
        {
            var check = app.HealthChecks[i];
            var path = $"/healthChecks({i})";
            if (check.Protocol == HealthCheckProtocol.Command)
            {
                if (check.Command is null)
                {
                    errors.Add(path + "/command", "COMMAND health checks need a command");
                }

                continue;
            }

            if (check.Command is not null)
            {
                errors.Add(path, $"illegal protocol {WireNames.Of(check.Protocol)} specified with command");
            }

            var portOk = check.PortIndex is { } index ? index < portCount : check.Port is not null;
            if (!portOk)
            {
                errors.Add(path, HealthPortIndex);
            }

            var mesosNetworkCheck = check.Protocol is HealthCheckProtocol.MesosHttp or HealthCheckProtocol.MesosHttps or HealthCheckProtocol.MesosTcp;
            if (check.IpProtocol == IpProtocol.IPv6 && !(mesosNetworkCheck && app.Container?.Type == ContainerType.Docker))
            {
                errors.Add(path, HealthIpProtocol);
            }
        }

        // COMMAND checks are not counted: old Marathon versions let apps keep several of them.
        if (app.HealthChecks.Count(c => c.Protocol is HealthCheckProtocol.MesosHttp or HealthCheckProtocol.MesosHttps or HealthCheckProtocol.MesosTcp) > 1)
        {
            errors.Add("/", OneMesosHealthCheck);
        }
    }

    private static void ValidateReadinessChecks(AppDefinition app, ErrorCollector errors)
    {
        if (app.ReadinessChecks.Count > 1)
        {
            errors.Add("/readinessChecks", $"got {app.ReadinessChecks.Count}, expected 1 or less");
        }

        var portNames = (app.HasContainerNetworking
            ? app.Container?.PortMappings.Select(m => m.Name) ?? []
            : app.PortDefinitions.Select(p => p.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < app.ReadinessChecks.Count; i++)
        {
            var check = app.ReadinessChecks[i];
            if (!portNames.Contains(check.PortName))
            {
                errors.Add($"/readinessChecks({i})/portName", $"No port definition reference for portName {check.PortName}");
            }

            if (check.TimeoutSeconds >= check.IntervalSeconds)
            {
                errors.Add($"/readinessChecks({i})/timeoutSeconds", $"got {check.TimeoutSeconds}, expected less than {check.IntervalSeconds}");
            }
        }
    }
}
