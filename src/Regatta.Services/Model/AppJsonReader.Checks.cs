using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>Health and readiness checks, with their per-check defaults filled in.</summary>
internal sealed partial class AppJsonReader
{
    private HealthCheck? ReadHealthCheck(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        string? command = null;
        if (o.Object("command") is { } c)
        {
            command = c.RequiredString("value");
        }

        return new HealthCheck
        {
            Protocol = o.Enum("protocol", WireNames.ParseHealthCheckProtocol) ?? HealthCheckProtocol.Http,
            Path = o.String("path"),
            PortIndex = o.Int("portIndex", min: 0, max: 65535),
            Port = o.Int("port", min: 0, max: 65535),
            Command = command,
            GracePeriodSeconds = o.Int("gracePeriodSeconds", min: 0) ?? AppDefaults.HealthGracePeriodSeconds,
            IntervalSeconds = o.Int("intervalSeconds", min: 0) ?? AppDefaults.HealthIntervalSeconds,
            TimeoutSeconds = o.Int("timeoutSeconds", min: 0) ?? AppDefaults.HealthTimeoutSeconds,
            MaxConsecutiveFailures = o.Int("maxConsecutiveFailures", min: 0) ?? AppDefaults.HealthMaxConsecutiveFailures,
            DelaySeconds = o.Int("delaySeconds", min: 0) ?? AppDefaults.HealthDelaySeconds,
            IgnoreHttp1xx = o.Bool("ignoreHttp1xx") ?? false,
            IpProtocol = o.Enum("ipProtocol", WireNames.ParseIpProtocol) ?? IpProtocol.IPv4,
        };
    }

    private ReadinessCheck? ReadReadinessCheck(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        var protocol = "HTTP";
        if (o.Raw("protocol") is { } p)
        {
            if (p.ValueKind == JsonValueKind.String && WireNames.IsHttpScheme(p.GetString()!))
            {
                protocol = p.GetString()!;
            }
            else
            {
                TypeErrors.Add(o.PathOf("protocol"), "error.unknown.enum.literal");
            }
        }

        return new ReadinessCheck
        {
            Name = o.String("name", minLength: 1) ?? AppDefaults.ReadinessName,
            Protocol = protocol,
            Path = o.String("path", minLength: 1) ?? "/",
            PortName = o.String("portName", pattern: IsValidPortName) ?? AppDefaults.ReadinessPortName,
            IntervalSeconds = o.Int("intervalSeconds", min: 0) ?? AppDefaults.ReadinessIntervalSeconds,
            TimeoutSeconds = o.Int("timeoutSeconds", min: 1) ?? AppDefaults.ReadinessTimeoutSeconds,
            HttpStatusCodesForReady = o.IntArray("httpStatusCodesForReady", minLength: 1, min: 100, max: 599) is { IsEmpty: false } codes ? codes : [200],
            PreserveLastResponse = o.Bool("preserveLastResponse") ?? false,
        };
    }
}
