using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// One scheduler-run probe: GET <c>http(s)://Host:Port/Path</c> or a TCP connect, bounded by
/// <see cref="Timeout"/>. <see cref="Path"/> always starts with <c>/</c> and may carry a query.
/// </summary>
internal sealed record HealthProbeTarget(
    HealthCheckProtocol Protocol,
    string Host,
    int Port,
    string Path,
    TimeSpan Timeout,
    bool IgnoreHttp1xx = false)
{
    /// <summary>The URL an HTTP or HTTPS probe requests; null when host and path do not make one.</summary>
    public Uri? Url => BuildUrl(Protocol == HealthCheckProtocol.Https ? "https" : "http", Host, Port, Path);

    /// <summary><c>scheme://host:port/path</c>, with IPv6 addresses in brackets and the path taken as written.</summary>
    public static Uri? BuildUrl(string scheme, string host, int port, string path)
    {
        var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return Uri.TryCreate($"{scheme}://{hostPart}:{port}{path}", UriKind.Absolute, out var url) ? url : null;
    }
}
