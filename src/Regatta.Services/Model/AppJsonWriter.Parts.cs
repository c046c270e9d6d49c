using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>Container, ports, networks and checks.</summary>
internal static partial class AppJsonWriter
{
    private static void WriteContainer(Utf8JsonWriter w, AppContainer container, bool containerNetworking)
    {
        w.WriteStartObject("container");
        w.WriteString("type", WireNames.Of(container.Type));
        if (container.Docker is { } docker)
        {
            w.WriteStartObject("docker");
            w.WriteBoolean("forcePullImage", docker.ForcePullImage);
            w.WriteString("image", docker.Image);
            w.WriteStartArray("parameters");
            foreach (var parameter in docker.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("key", parameter.Key);
                w.WriteString("value", parameter.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("privileged", docker.Privileged);
            w.WriteEndObject();
        }

        w.WriteStartArray("volumes");
        foreach (var volume in container.Volumes)
        {
            w.WriteStartObject();
            w.WriteString("containerPath", volume.ContainerPath);
            w.WriteString("hostPath", volume.HostPath);
            w.WriteString("mode", WireNames.Of(volume.Mode));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (containerNetworking)
        {
            w.WriteStartArray("portMappings");
            foreach (var mapping in container.PortMappings)
            {
                WritePortMapping(w, mapping);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WritePortMapping(Utf8JsonWriter w, PortMapping mapping)
    {
        w.WriteStartObject();
        w.WriteNumber("containerPort", mapping.ContainerPort);
        if (mapping.HostPort is { } hostPort)
        {
            w.WriteNumber("hostPort", hostPort);
        }

        WriteMap(w, "labels", mapping.Labels);
        if (mapping.Name is not null)
        {
            w.WriteString("name", mapping.Name);
        }

        w.WriteString("protocol", mapping.Protocol);
        w.WriteNumber("servicePort", mapping.ServicePort);
        if (!mapping.NetworkNames.IsEmpty)
        {
            WriteStrings(w, "networkNames", mapping.NetworkNames);
        }

        w.WriteEndObject();
    }

    private static void WritePortDefinition(Utf8JsonWriter w, PortDefinition port)
    {
        w.WriteStartObject();
        w.WriteNumber("port", port.Port);
        if (!port.Labels.IsEmpty)
        {
            WriteMap(w, "labels", port.Labels);
        }

        if (port.Name is not null)
        {
            w.WriteString("name", port.Name);
        }

        w.WriteString("protocol", port.Protocol);
        w.WriteEndObject();
    }

    private static void WriteNetwork(Utf8JsonWriter w, Network network)
    {
        w.WriteStartObject();
        if (network.Name is not null)
        {
            w.WriteString("name", network.Name);
        }

        w.WriteString("mode", WireNames.Of(network.Mode));
        if (!network.Labels.IsEmpty)
        {
            WriteMap(w, "labels", network.Labels);
        }

        w.WriteEndObject();
    }

    private static void WriteHealthCheck(Utf8JsonWriter w, HealthCheck check)
    {
        w.WriteStartObject();
        if (check.Command is not null)
        {
            w.WriteStartObject("command");
            w.WriteString("value", check.Command);
            w.WriteEndObject();
        }

        w.WriteNumber("gracePeriodSeconds", check.GracePeriodSeconds);
        if (check.Protocol is HealthCheckProtocol.Http or HealthCheckProtocol.Https)
        {
            w.WriteBoolean("ignoreHttp1xx", check.IgnoreHttp1xx);
        }

        w.WriteNumber("intervalSeconds", check.IntervalSeconds);
        w.WriteNumber("maxConsecutiveFailures", check.MaxConsecutiveFailures);
        if (check.Path is not null)
        {
            w.WriteString("path", check.Path);
        }

        if (check.Port is { } port)
        {
            w.WriteNumber("port", port);
        }

        if (check.PortIndex is { } index)
        {
            w.WriteNumber("portIndex", index);
        }

        w.WriteString("protocol", WireNames.Of(check.Protocol));
        w.WriteString("ipProtocol", WireNames.Of(check.IpProtocol));
        w.WriteNumber("timeoutSeconds", check.TimeoutSeconds);
        w.WriteNumber("delaySeconds", check.DelaySeconds);
        w.WriteEndObject();
    }

    private static void WriteReadinessCheck(Utf8JsonWriter w, ReadinessCheck check)
    {
        w.WriteStartObject();
        w.WriteString("name", check.Name);
        w.WriteString("protocol", check.Protocol);
        w.WriteString("path", check.Path);
        w.WriteString("portName", check.PortName);
        w.WriteNumber("intervalSeconds", check.IntervalSeconds);
        w.WriteNumber("timeoutSeconds", check.TimeoutSeconds);
        w.WriteStartArray("httpStatusCodesForReady");
        foreach (var code in check.HttpStatusCodesForReady)
        {
            w.WriteNumberValue(code);
        }

        w.WriteEndArray();
        w.WriteBoolean("preserveLastResponse", check.PreserveLastResponse);
        w.WriteEndObject();
    }
}
