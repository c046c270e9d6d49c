using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>Port definitions, port mappings, networks and the legacy <c>ipAddress</c>.</summary>
internal sealed partial class AppJsonReader
{
    /// <summary>Port and port-mapping names (Marathon's RAML <c>LegacyName</c>).</summary>
    public static bool IsValidPortName(string name) => IsDnsLabel(name, allowUnderscore: false) && name.Length >= 1;

    /// <summary>Network names: like port names, also with underscores inside, at most 63 characters.</summary>
    public static bool IsValidNetworkName(string name) => IsDnsLabel(name, allowUnderscore: true) && name.Length <= 63;

    private static bool IsDnsLabel(string name, bool allowUnderscore)
    {
        if (name.Length == 0 || !IsAlphanumeric(name[0]) || !IsAlphanumeric(name[^1]))
        {
            return false;
        }

        return name.All(c => IsAlphanumeric(c) || c == '-' || (allowUnderscore && c == '_'));
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private PortDefinition? ReadPortDefinition(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        return new PortDefinition
        {
            Port = o.Int("port", min: 0, max: 65535) ?? 0,
            Protocol = ReadPortProtocol(o),
            Name = o.String("name", pattern: IsValidPortName),
            Labels = o.StringMap("labels") ?? ValueMap.Empty,
        };
    }

    private PortMapping? ReadPortMapping(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        return new PortMapping
        {
            ContainerPort = o.Int("containerPort", min: 0, max: 65535) ?? 0,
            HostPort = o.Int("hostPort", min: 0, max: 65535),
            ServicePort = o.Int("servicePort", min: 0, max: 65535) ?? 0,
            Protocol = ReadPortProtocol(o),
            Name = o.String("name", pattern: IsValidPortName),
            Labels = o.StringMap("labels") ?? ValueMap.Empty,
            NetworkNames = o.StringArray("networkNames", pattern: IsValidNetworkName) ?? [],
        };
    }

    private static string ReadPortProtocol(JsonFields o)
    {
        if (o.Raw("protocol") is not { } value)
        {
            return "tcp";
        }

        if (value.ValueKind == JsonValueKind.String && WireNames.ParsePortProtocol(value.GetString()!) is { } protocol)
        {
            return protocol;
        }

        o.Errors.Add(o.PathOf("protocol"), "error.unknown.enum.literal");
        return "tcp";
    }

    private Network? ReadNetwork(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        // RAML default: a network without a mode is a named container network.
        return new Network(o.Enum("mode", WireNames.ParseNetworkMode) ?? NetworkMode.Container, o.String("name", minLength: 1, pattern: IsValidNetworkName))
        {
            Labels = o.StringMap("labels") ?? ValueMap.Empty,
        };
    }

    private IpAddressSpec ReadIpAddress(JsonFields o)
    {
        var discovery = o.Object("discovery");
        return new IpAddressSpec
        {
            NetworkName = o.String("networkName", minLength: 1),
            Labels = o.StringMap("labels") ?? ValueMap.Empty,
            DiscoveryPorts = discovery?.Array("ports", ReadDiscoveryPort) ?? [],
        };
    }

    private PortMapping? ReadDiscoveryPort(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        var name = o.RequiredString("name", pattern: IsValidPortName);
        return new PortMapping
        {
            ContainerPort = o.Int("number", min: 0, max: 65535) ?? 0,
            Protocol = ReadPortProtocol(o),
            Name = name,
            Labels = o.StringMap("labels") ?? ValueMap.Empty,
        };
    }
}
