using System.Globalization;

namespace Regatta.Agent;

/// <summary>A master endpoint given as <c>host:port</c> (IPv6 hosts in brackets).</summary>
internal readonly record struct MasterAddress(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public Uri WebSocketUri(string path) => new($"ws://{this}{path}");

    public static bool TryParse(string? text, out MasterAddress address, out string? error)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "required; give the master as host:port";
            return false;
        }

        var value = text.Trim();
        if (value.StartsWith("zk://", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{value}': ZooKeeper master detection is not supported yet; give the master as host:port";
            return false;
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{value}': only host:port is supported";
            return false;
        }

        string host;
        string portText;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= value.Length || value[close + 1] != ':')
            {
                error = $"'{value}': expected [ipv6]:port";
                return false;
            }

            host = value[1..close];
            portText = value[(close + 2)..];
        }
        else
        {
            var colon = value.LastIndexOf(':');
            if (colon <= 0 || value.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = $"'{value}': expected host:port";
                return false;
            }

            host = value[..colon];
            portText = value[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            error = $"'{value}': host must be non-empty and contain no whitespace or '/'";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{value}': port must be a number in 1-65535";
            return false;
        }

        address = new MasterAddress(host, port);
        error = null;
        return true;
    }
}
