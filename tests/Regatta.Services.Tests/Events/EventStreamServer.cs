using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regatta.Services.Events;
using Regatta.Testing;

namespace Regatta.Services.Tests.Events;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) serving only <c>/v2/events</c>, on a manual clock.</summary>
internal sealed class EventStreamServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private EventStreamServer(WebApplication app, EventBus bus, ManualTimeProvider time, RecordingLogger<EventBus> log, Uri address)
    {
        this.app = app;
        Bus = bus;
        Time = time;
        Log = log;
        // A disposed stream closes the connection at once instead of draining it first, as a client that leaves does.
        Client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public EventBus Bus { get; }

    public ManualTimeProvider Time { get; }

    /// <summary>Everything the bus and the endpoint logged.</summary>
    public RecordingLogger<EventBus> Log { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the server; the endpoint runs on <see cref="Time"/> unless <paramref name="clock"/> is given.</summary>
    public static async Task<EventStreamServer> StartAsync(EventStreamOptions? options = null, TimeProvider? clock = null)
    {
        var log = new RecordingLogger<EventBus>();
        var bus = new EventBus(log);
        var time = new ManualTimeProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        EventStreamEndpoint.Map(app, bus, clock ?? time, options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EventStreamServer(app, bus, time, log, new Uri(address));
    }

    /// <summary>Opens a stream with <c>Accept: text/event-stream</c> and returns once the headers are in.</summary>
    public async Task<SseTestClient> ConnectAsync(string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, EventStreamEndpoint.Route + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseTestClient(response, await response.Content.ReadAsStreamAsync());
    }

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
