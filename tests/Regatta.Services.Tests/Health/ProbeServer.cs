using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Regatta.Services.Tests.Health;

/// <summary>
/// A real Kestrel on 127.0.0.1 with one plain and one TLS endpoint (self-signed certificate made on the spot),
/// answering the shapes the probes must tell apart.
/// </summary>
public sealed class ProbeServer : IAsyncLifetime
{
    private WebApplication? app;
    private int warmUps;
    private int okHits;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    /// <summary>Requests that reached <c>/ok</c>.</summary>
    public int OkHits => Volatile.Read(ref okHits);

    public async Task InitializeAsync()
    {
        using var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null)));
        });
        app = builder.Build();
        app.MapGet("/ok", () =>
        {
            Interlocked.Increment(ref okHits);
            return Results.Text("fine");
        });
        app.MapGet("/fail", () => Results.StatusCode(500));
        app.MapGet("/unavailable", () => Results.Text("warming up", "text/plain", statusCode: 503));
        app.MapGet("/moved", () => Results.Redirect("/fail"));
        app.MapGet("/ready", () => Results.Json(new { ready = true }));
        app.MapGet("/slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Results.Ok();
        });
        app.MapGet("/warm", () => Interlocked.Increment(ref warmUps) <= 2
            ? Results.Text("warming up", "text/plain", statusCode: 503)
            : Results.Json(new { ready = true }));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        HttpPort = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal))).Port;
        HttpsPort = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal))).Port;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=regatta-health-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
