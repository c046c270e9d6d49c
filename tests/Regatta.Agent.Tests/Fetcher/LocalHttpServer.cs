using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Tests.Fetcher;

/// <summary>A tiny Kestrel server on 127.0.0.1 (free port) that answers every request with <c>handler</c> and counts hits.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _hits;

    public int Port { get; private set; }

    public int Hits => Volatile.Read(ref _hits);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public static async Task<LocalHttpServer> StartAsync(Func<HttpContext, int, Task> handler)
    {
        var server = new LocalHttpServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(context => handler(context, Interlocked.Increment(ref server._hits)));
        await app.StartAsync();
        server.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        server._app = app;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
