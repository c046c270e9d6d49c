using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// Probes tasks over the network from the scheduler: HTTP and HTTPS GETs through one shared
/// <see cref="HttpClient"/>, TCP connects. As in Marathon, redirects are not followed (a 3xx passes), HTTPS
/// certificates are not checked, and each probe uses a fresh connection, so a pooled socket never hides a dead
/// listener and thousands of tasks leave no idle connections behind.
/// </summary>
internal sealed partial class NetworkProber : IHealthProber, IReadinessProber, IDisposable
{
    private readonly HttpClient client;
    private readonly TimeProvider time;

    public NetworkProber(TimeProvider time)
        : this(time, CreateHandler())
    {
    }

    /// <summary>Uses <paramref name="handler"/> (owned and disposed by the prober) instead of the default one.</summary>
    public NetworkProber(TimeProvider time, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(handler);
        this.time = time;
        client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The handler settings every probe shares.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = new SslClientAuthenticationOptions
        {
            // A health check asks "does it answer", not "is it who it claims to be" (Marathon trusts any certificate).
            RemoteCertificateValidationCallback = static (_, _, _, _) => true,
        },
    };

    public async Task<ProbeResult> ProbeAsync(HealthProbeTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Protocol switch
        {
            HealthCheckProtocol.Http or HealthCheckProtocol.Https => await HttpProbeAsync(target, cancellationToken).ConfigureAwait(false),
            HealthCheckProtocol.Tcp => await TcpProbeAsync(target, cancellationToken).ConfigureAwait(false),
            _ => ProbeResult.Unhealthy(time.GetUtcNow(), $"{target.Protocol} checks run on the agent, not in the scheduler"),
        };
    }

    public void Dispose() => client.Dispose();

    private async Task<ProbeResult> HttpProbeAsync(HealthProbeTarget target, CancellationToken cancellationToken)
    {
        var url = target.Url;
        if (url is null)
        {
            return ProbeResult.Unhealthy(time.GetUtcNow(), $"Health check failed: {target.Host}:{target.Port}{target.Path} is not a valid URL");
        }

        using var timeout = new CancellationTokenSource(Bounded(target.Timeout), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = NewGet(url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var now = time.GetUtcNow();
            return HttpStatusText.Judge(status, target.IgnoreHttp1xx) switch
            {
                ProbeVerdict.Healthy => ProbeResult.Healthy(now),
                ProbeVerdict.Ignored => ProbeResult.Ignored(now),
                _ => ProbeResult.Unhealthy(now, HttpStatusText.Describe(status, response.ReasonPhrase)),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy(time.GetUtcNow(), TimedOut(url, target.Timeout));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            return ProbeResult.Unhealthy(time.GetUtcNow(), DescribeFailure(e));
        }
    }

    private async Task<ProbeResult> TcpProbeAsync(HealthProbeTarget target, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Bounded(target.Timeout), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, linked.Token).ConfigureAwait(false);
            return ProbeResult.Healthy(time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy(time.GetUtcNow(), "SocketTimeoutException: connect timed out");
        }
        catch (SocketException e)
        {
            // Worded like the Java exceptions Marathon reports, which scripts and dashboards may already match on.
            var cause = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "ConnectException: Connection refused",
                SocketError.TimedOut => "SocketTimeoutException: connect timed out",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"UnknownHostException: {target.Host}",
                _ => $"ConnectException: {e.Message}",
            };
            return ProbeResult.Unhealthy(time.GetUtcNow(), cause);
        }
    }

    // A zero or negative timeout would cancel at once or throw; treat it like the smallest sensible bound.
    private static TimeSpan Bounded(TimeSpan timeout) => timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(1);

    private static HttpRequestMessage NewGet(Uri url) => new(HttpMethod.Get, url)
    {
        Version = HttpVersion.Version11,
        Headers = { ConnectionClose = true },
    };

    private static string TimedOut(Uri url, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"GET {url} timed out after {timeout.TotalSeconds:0.###}s");

    /// <summary>The failure's own message, with the inner reason where the outer one only points at it.</summary>
    private static string DescribeFailure(Exception e)
    {
        if (e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
        {
            return $"SSL connection could not be established: {Innermost(e).Message}";
        }

        return e.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase) && e.InnerException is not null
            ? Innermost(e).Message
            : e.Message;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
