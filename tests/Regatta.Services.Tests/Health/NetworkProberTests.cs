using System.Net;
using System.Net.Sockets;
using Regatta.Services.Health;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Health;

public sealed class NetworkProberTests(ProbeServer server) : IClassFixture<ProbeServer>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly NetworkProber prober = new(TimeProvider.System);

    public void Dispose() => prober.Dispose();

    [Fact]
    public async Task ProbeAsync_Http200_IsHealthy()
    {
        var before = DateTimeOffset.UtcNow;

        var result = await prober.ProbeAsync(Http("/ok"), CancellationToken.None);

        Assert.Equal(ProbeVerdict.Healthy, result.Verdict);
        Assert.Null(result.Cause);
        Assert.InRange(result.At, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task ProbeAsync_Http500_IsUnhealthyWithTheStatusAsCause()
    {
        var result = await prober.ProbeAsync(Http("/fail"), CancellationToken.None);

        Assert.Equal(ProbeResult.Unhealthy(result.At, "500 Internal Server Error"), result);
    }

    [Fact]
    public async Task ProbeAsync_Redirect_IsNotFollowedAndPasses()
    {
        var result = await prober.ProbeAsync(Http("/moved"), CancellationToken.None);

        Assert.Equal(ProbeVerdict.Healthy, result.Verdict);
    }

    [Fact]
    public async Task ProbeAsync_NoAnswerWithinTheTimeout_IsUnhealthy()
    {
        var target = Http("/slow") with { Timeout = TimeSpan.FromMilliseconds(300) };

        var result = await prober.ProbeAsync(target, CancellationToken.None);

        Assert.Equal(ProbeVerdict.Unhealthy, result.Verdict);
        Assert.Equal($"GET http://127.0.0.1:{server.HttpPort}/slow timed out after 0.3s", result.Cause);
    }

    [Fact]
    public async Task ProbeAsync_HttpNobodyListening_IsUnhealthyWithConnectionRefused()
    {
        var target = Http("/ok") with { Port = ClosedPort() };

        var result = await prober.ProbeAsync(target, CancellationToken.None);

        Assert.Equal(ProbeVerdict.Unhealthy, result.Verdict);
        Assert.Contains("Connection refused", result.Cause, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ProbeAsync_HttpsWithSelfSignedCertificate_IsAccepted()
    {
        var ok = await prober.ProbeAsync(Https("/ok"), CancellationToken.None);
        var fail = await prober.ProbeAsync(Https("/fail"), CancellationToken.None);

        Assert.Equal(ProbeVerdict.Healthy, ok.Verdict);
        Assert.Equal("500 Internal Server Error", fail.Cause);
    }

    [Fact]
    public async Task ProbeAsync_HttpsAgainstPlainHttp_FailsTheHandshake()
    {
        var result = await prober.ProbeAsync(Https("/ok") with { Port = server.HttpPort }, CancellationToken.None);

        Assert.Equal(ProbeVerdict.Unhealthy, result.Verdict);
        Assert.StartsWith("SSL connection could not be established", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHandler_FollowsNoRedirectsAndTrustsAnyCertificate()
    {
        using var handler = NetworkProber.CreateHandler();

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseProxy);
        Assert.Equal(TimeSpan.Zero, handler.PooledConnectionLifetime);
        Assert.True(handler.SslOptions.RemoteCertificateValidationCallback!(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public async Task ProbeAsync_TcpListening_IsHealthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await prober.ProbeAsync(new HealthProbeTarget(HealthCheckProtocol.Tcp, "127.0.0.1", port, "/", Timeout), CancellationToken.None);

        Assert.Equal(ProbeVerdict.Healthy, result.Verdict);
    }

    [Fact]
    public async Task ProbeAsync_TcpNobodyListening_IsConnectionRefused()
    {
        var target = new HealthProbeTarget(HealthCheckProtocol.Tcp, "127.0.0.1", ClosedPort(), "/", Timeout);

        var result = await prober.ProbeAsync(target, CancellationToken.None);

        Assert.Equal("ConnectException: Connection refused", result.Cause);
    }

    [Fact]
    public async Task ProbeAsync_CancelledByTheCaller_Throws()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prober.ProbeAsync(Http("/slow"), cancel.Token));
    }

    [Fact]
    public async Task CheckAsync_ReadyWithPreservedResponse()
    {
        var result = await prober.CheckAsync(Readiness("/ready", preserve: true), CancellationToken.None);

        Assert.True(result.Ready);
        Assert.Equal(new ReadinessResponse(200, "application/json", """{"ready":true}"""), result.LastResponse);
    }

    [Fact]
    public async Task CheckAsync_NotReady_DropsTheResponseUnlessPreserved()
    {
        var dropped = await prober.CheckAsync(Readiness("/unavailable", preserve: false), CancellationToken.None);
        var kept = await prober.CheckAsync(Readiness("/unavailable", preserve: true), CancellationToken.None);

        Assert.Equal(new ReadinessResult("readinessCheck", "web.1", false, null, dropped.At), dropped);
        Assert.False(kept.Ready);
        Assert.Equal(new ReadinessResponse(503, "text/plain", "warming up"), kept.LastResponse);
    }

    [Fact]
    public async Task CheckAsync_StatusInTheCheckCodes_IsReady()
    {
        var target = Readiness("/unavailable", preserve: false) with { ReadyStatusCodes = new HashSet<int> { 200, 503 } };

        Assert.True((await prober.CheckAsync(target, CancellationToken.None)).Ready);
    }

    [Fact]
    public async Task CheckAsync_NobodyListening_IsNotReadyWithA504Explanation()
    {
        var port = ClosedPort();
        var target = Readiness("/ready", preserve: true) with { Url = new Uri($"http://127.0.0.1:{port}/ready") };

        var result = await prober.CheckAsync(target, CancellationToken.None);

        Assert.False(result.Ready);
        Assert.Equal(504, result.LastResponse!.Status);
        Assert.Equal("text/plain", result.LastResponse.ContentType);
        Assert.StartsWith($"Regatta could not query http://127.0.0.1:{port}/ready: ", result.LastResponse.Body, StringComparison.Ordinal);
    }

    private HealthProbeTarget Http(string path) => new(HealthCheckProtocol.Http, "127.0.0.1", server.HttpPort, path, Timeout);

    private HealthProbeTarget Https(string path) => new(HealthCheckProtocol.Https, "127.0.0.1", server.HttpsPort, path, Timeout);

    private ReadinessTarget Readiness(string path, bool preserve) => new(
        "web.1",
        "readinessCheck",
        new Uri($"http://127.0.0.1:{server.HttpPort}{path}"),
        TimeSpan.FromSeconds(1),
        Timeout,
        new HashSet<int> { 200 },
        preserve);

    /// <summary>A loopback port that was just free: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
