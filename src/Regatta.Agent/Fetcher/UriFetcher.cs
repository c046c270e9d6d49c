using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Containerizers;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Fetcher;

/// <summary>
/// Mesos's fetcher: before a task starts, every CommandInfo.uris entry is fetched in order into the sandbox (http(s)
/// with a time box, or a local path / file:// URL), optionally through the <see cref="FetcherCache"/>, then made
/// executable or extracted, under its own name or <c>output_file</c>. The first failure throws
/// <see cref="ContainerLaunchException"/> with <c>Failed to fetch '&lt;uri&gt;': &lt;reason&gt;</c>, so the task fails
/// with REASON_CONTAINER_LAUNCH_FAILED and never starts.
/// </summary>
internal sealed class UriFetcher(FetcherCache cache, HttpClient http, TimeSpan downloadTimeout, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>Mesos's <c>--fetcher_stall_timeout</c> is 1 min per stalled transfer; a whole download gets this long.</summary>
    public static readonly TimeSpan DefaultDownloadTimeout = TimeSpan.FromMinutes(10);

    public FetcherCache Cache => cache;

    /// <summary>An HTTP client suited to fetching: redirects followed, no proxy from the environment.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10, UseProxy = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>A fetcher with its own HTTP client and a cache in <paramref name="cacheDirectory"/>.</summary>
    public static UriFetcher Create(string cacheDirectory, long cacheSize, TimeProvider time, ILogger logger) =>
        new(new FetcherCache(cacheDirectory, cacheSize, logger), CreateHttpClient(), DefaultDownloadTimeout, time, logger);

    public void Dispose()
    {
        http.Dispose();
        cache.Dispose();
    }

    public async Task FetchAllAsync(IReadOnlyList<V1.CommandInfo.Types.URI> uris, string sandbox, string? user, CancellationToken cancellationToken)
    {
        foreach (var uri in uris)
        {
            try
            {
                await FetchAsync(uri, sandbox, user, cancellationToken).ConfigureAwait(false);
            }
            catch (ContainerLaunchException e)
            {
                logger.FetchFailed(e.Message);
                throw;
            }
            catch (ObjectDisposedException e)
            {
                // The agent shut down (and disposed the fetcher) while this fetch was still running.
                throw new ContainerLaunchException($"Failed to fetch '{uri.Value}': the agent is stopping", e);
            }
        }
    }

    private async Task FetchAsync(V1.CommandInfo.Types.URI uri, string sandbox, string? user, CancellationToken cancellationToken)
    {
        var value = uri.Value;
        if (!FetchSource.TryParse(value, out var source, out var problem))
        {
            throw Failure(value, problem);
        }

        var destination = Destination(value, uri, source, sandbox);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var cached = false;
        try
        {
            if (uri.Cache)
            {
                cached = await cache.CopyToAsync(user, value, destination, (path, ct) => CopyAsync(source, path, ct), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await CopyAsync(source, destination, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(value, e.Message, e);
        }

        logger.Fetched(value, destination, new FileInfo(destination).Length, cached ? "cache" : source.IsHttp ? "download" : "copy");
        if (uri.Executable)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(destination)
                    | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
        else if (uri.Extract && ArchiveExtractor.IsArchive(destination))
        {
            await ArchiveExtractor.ExtractAsync(destination, sandbox, cancellationToken).ConfigureAwait(false);
            logger.Extracted(destination, sandbox);
        }
    }

    private static string Destination(string value, V1.CommandInfo.Types.URI uri, FetchSource source, string sandbox)
    {
        var name = uri.HasOutputFile && uri.OutputFile.Length > 0 ? uri.OutputFile : source.FileName;
        var root = Path.GetFullPath(sandbox);
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (Path.IsPathRooted(name) || !full.StartsWith(root + "/", StringComparison.Ordinal) || name.Split('/').Contains(".."))
        {
            throw Failure(value, $"output_file '{name}' must be a relative path inside the sandbox");
        }

        return full;
    }

    private async Task CopyAsync(FetchSource source, string destination, CancellationToken cancellationToken)
    {
        if (source.LocalPath is { } local)
        {
            if (!File.Exists(local))
            {
                throw new IOException(Directory.Exists(local) ? "is a directory, not a file" : "No such file");
            }

            File.Copy(local, destination, overwrite: true);
            return;
        }

        var url = source.Url!;
        using var timeout = new CancellationTokenSource(downloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                throw Failure(url.OriginalString, string.IsNullOrEmpty(response.ReasonPhrase) ? code : $"{code} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write);
            await body.CopyToAsync(file, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(url.OriginalString, $"timed out after {downloadTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }
        catch (HttpRequestException e)
        {
            throw Failure(url.OriginalString, e.Message, e);
        }
    }

    private static ContainerLaunchException Failure(string uri, string reason, Exception? inner = null) =>
        inner is null
            ? new ContainerLaunchException($"Failed to fetch '{uri}': {reason}")
            : new ContainerLaunchException($"Failed to fetch '{uri}': {reason}", inner);
}
