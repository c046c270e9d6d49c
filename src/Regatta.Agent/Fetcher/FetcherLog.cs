using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Fetcher;

/// <summary>Fetcher log messages; event ids 3650-3699 are stable.</summary>
internal static partial class FetcherLog
{
    [LoggerMessage(3650, LogLevel.Information, "Fetched '{Uri}' into {Destination} ({Bytes} bytes, {Source})")]
    public static partial void Fetched(this ILogger logger, string uri, string destination, long bytes, string source);

    [LoggerMessage(3651, LogLevel.Information, "Extracted {Archive} into {Sandbox}")]
    public static partial void Extracted(this ILogger logger, string archive, string sandbox);

    [LoggerMessage(3652, LogLevel.Warning, "Fetch failed: {Message}")]
    public static partial void FetchFailed(this ILogger logger, string message);

    [LoggerMessage(3653, LogLevel.Information, "Fetcher cache evicted '{Uri}' ({Bytes} bytes) to stay within {Capacity} bytes")]
    public static partial void CacheEvicted(this ILogger logger, string uri, long bytes, long capacity);
}
