using System.Globalization;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// Applies DockerInfo.parameters (Mesos's "arbitrary <c>docker run --key=value</c> options") to a create request.
/// Without a docker CLI each option must be translated into the Engine API: the common ones are; any other is refused
/// with a message naming it rather than silently ignored.
/// </summary>
internal static class DockerParameters
{
    public static readonly IReadOnlyList<string> Supported =
        ["env", "label", "publish", "memory-swap", "volume", "hostname", "user", "workdir", "entrypoint", "network", "net", "cap-add", "cap-drop", "ulimit"];

    /// <summary>Applies one parameter; throws <see cref="ContainerLaunchException"/> naming the parameter when it is
    /// unknown or its value malformed.</summary>
    public static void Apply(DockerCreateRequest request, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = key.TrimStart('-');
        switch (name)
        {
            case "env" or "e":
                request.Env.Add(value.Contains('=', StringComparison.Ordinal) ? value : value + "=");
                break;
            case "label" or "l":
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                request.Labels[eq < 0 ? value : value[..eq]] = eq < 0 ? "" : value[(eq + 1)..];
                break;
            case "publish" or "p":
                ApplyPublish(request, value);
                break;
            case "memory-swap":
                request.MemorySwap = ParseBytes(value) ?? throw Malformed(key, value, "a byte size such as 512m, 2g or -1");
                break;
            case "volume" or "v":
                if (value.Split(':').Length is < 2 or > 3)
                {
                    throw Malformed(key, value, "host-path:container-path[:ro|rw]");
                }

                request.Binds.Add(value);
                break;
            case "hostname" or "h":
                request.Hostname = value;
                break;
            case "user" or "u":
                request.User = value;
                break;
            case "workdir" or "w":
                request.WorkingDir = value;
                break;
            case "entrypoint":
                request.Entrypoint = value.Length == 0 ? [] : [value];
                break;
            case "network" or "net":
                request.NetworkMode = value;
                break;
            case "cap-add":
                request.CapAdd.Add(value);
                break;
            case "cap-drop":
                request.CapDrop.Add(value);
                break;
            case "ulimit":
                request.Ulimits.Add(ParseUlimit(key, value));
                break;
            default:
                throw new ContainerLaunchException(
                    $"Unsupported docker parameter '{key}' (DockerInfo.parameters); supported: {string.Join(", ", Supported)}");
        }
    }

    /// <summary>Parses docker's byte sizes: a number with an optional b/k/m/g suffix, or -1 for unlimited.</summary>
    public static long? ParseBytes(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "-1")
        {
            return -1;
        }

        long multiplier = 1;
        if (value.Length > 0 && char.IsLetter(value[^1]))
        {
            multiplier = value[^1] switch { 'b' => 1, 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 0 };
            value = value[..^1];
        }

        return multiplier > 0 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= long.MaxValue / multiplier
            ? number * multiplier
            : null;
    }

    private static void ApplyPublish(DockerCreateRequest request, string value)
    {
        // [ip:][hostPort:]containerPort[/protocol]
        var protocol = "tcp";
        var spec = value;
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec[(slash + 1)..].ToLowerInvariant();
            spec = spec[..slash];
        }

        var parts = spec.Split(':');
        var (ip, host, container) = parts.Length switch
        {
            1 => ("", "", parts[0]),
            2 => ("", parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => (null, null, null),
        };
        if (container is null || protocol is not ("tcp" or "udp" or "sctp") || !TryPort(container, out var containerPort)
            || (host!.Length > 0 && !TryPort(host, out _)))
        {
            throw Malformed("publish", value, "[ip:][host-port:]container-port[/tcp|udp]");
        }

        request.Publish(containerPort, protocol, ip!, host.Length == 0 ? null : int.Parse(host, CultureInfo.InvariantCulture));
    }

    private static (string, long, long) ParseUlimit(string key, string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var limits = value[(eq + 1)..].Split(':');
            if (limits.Length is 1 or 2
                && long.TryParse(limits[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var soft)
                && long.TryParse(limits[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var hard))
            {
                return (value[..eq], soft, hard);
            }
        }

        throw Malformed(key, value, "name=soft[:hard], e.g. nofile=1024:2048");
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

    private static ContainerLaunchException Malformed(string key, string value, string expected) =>
        new($"Invalid docker parameter '{key}={value}' (DockerInfo.parameters): expected {expected}");
}
