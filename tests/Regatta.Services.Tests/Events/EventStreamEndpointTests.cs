using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Regatta.Services.Events;

namespace Regatta.Services.Tests.Events;

/// <summary><c>GET /v2/events</c> over a real Kestrel server, read with HttpClient as a client would.</summary>
public sealed class EventStreamEndpointTests : IAsyncLifetime
{
    private EventStreamServer server = null!;

    public async Task InitializeAsync() => server = await EventStreamServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Get_EventStream_JettyHeadersAndAttachedEventFirst()
    {
        using var client = await server.ConnectAsync();

        var response = client.Response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UTF-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("no-cache, no-store, must-revalidate", Assert.Single(response.Headers.NonValidated["Cache-Control"]));
        Assert.Equal("no-cache", Assert.Single(response.Headers.GetValues("Pragma")));
        Assert.Equal("0", Assert.Single(response.Content.Headers.NonValidated["Expires"]));
        Assert.True(response.Headers.ConnectionClose);

        var attached = await client.NextFrameAsync();
        Assert.Equal(
            "event: event_stream_attached\r\ndata: {\"remoteAddress\":\"127.0.0.1\",\"eventType\":\"event_stream_attached\",\"timestamp\":\"2024-01-01T00:00:00.000Z\"}\r\n\r\n",
            attached.Raw);
    }

    [Fact]
    public async Task Get_PublishedEvents_ArriveInOrderAsFrames()
    {
        using var client = await server.ConnectAsync();
        await client.NextFrameAsync();
        var events = new MarathonEvent[]
        {
            SampleEvents.ByFixture["api_post_event"],
            SampleEvents.ByFixture["status_update_event"],
            SampleEvents.ByFixture["health_status_changed_event"],
            SampleEvents.ByFixture["deployment_success"],
        };

        foreach (var marathonEvent in events)
        {
            server.Bus.Publish(marathonEvent);
        }

        foreach (var marathonEvent in events)
        {
            var frame = await client.NextFrameAsync();
            Assert.Equal($"event: {marathonEvent.EventType}\r\ndata: {EventJson.ToJson(marathonEvent)}\r\n\r\n", frame.Raw);
        }
    }

    [Fact]
    public async Task Get_EventThatCannotBeWritten_SkippedWithWarningStreamGoesOn()
    {
        using var client = await server.ConnectAsync("?event_type=broken_event&event_type=app_terminated_event");

        server.Bus.Publish(new BrokenEvent { Timestamp = SampleEvents.At });
        server.Bus.Publish(SampleEvents.ByFixture["app_terminated_event"]);

        Assert.Equal("app_terminated_event", (await client.NextFrameAsync()).EventType);
        Assert.Contains(server.Log.Entries, e => e.Id.Id == 3705 && e.Message.Contains("broken_event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_EventTypeFilters_OnlyThoseTypesArrive()
    {
        using var client = await server.ConnectAsync("?event_type=status_update_event&event_type=app_terminated_event");

        server.Bus.Publish(SampleEvents.ByFixture["api_post_event"]);
        server.Bus.Publish(SampleEvents.ByFixture["status_update_event"]);
        server.Bus.Publish(SampleEvents.ByFixture["health_status_changed_event"]);
        server.Bus.Publish(SampleEvents.ByFixture["app_terminated_event"]);

        // Order is kept per stream, so anything filtered in between would have shown up before the last one.
        Assert.Equal("status_update_event", (await client.NextFrameAsync()).EventType);
        Assert.Equal("app_terminated_event", (await client.NextFrameAsync()).EventType);
    }

    [Fact]
    public async Task Get_HeartbeatIntervalPasses_BareCrLfEachTime()
    {
        using var client = await server.ConnectAsync();
        await client.NextFrameAsync();
        await WaitUntilAsync(() => server.Time.ActiveTimerCount > 0);

        server.Time.Advance(TimeSpan.FromSeconds(9.9));
        server.Bus.Publish(SampleEvents.ByFixture["app_terminated_event"]);
        Assert.Equal("app_terminated_event", (await client.NextFrameAsync()).EventType);

        server.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("\r\n", (await client.NextAsync())!.Raw);
        server.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("\r\n", (await client.NextAsync())!.Raw);
    }

    [Fact]
    public async Task Get_ShortHeartbeatOnRealClock_KeepAlivesKeepComing()
    {
        await using var fast = await StartRealClockServerAsync(TimeSpan.FromMilliseconds(50));
        using var client = await fast.ConnectAsync("?event_type=none");

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await client.NextAsync())!.IsHeartbeat);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task Get_WithoutEventStreamAccept_405WithMessageAndNoSubscriber(string? accept)
    {
        using var observer = server.Bus.Subscribe("observer");
        using var request = new HttpRequestMessage(HttpMethod.Get, EventStreamEndpoint.Route);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"];
        Assert.Contains("text/event-stream", message, StringComparison.Ordinal);
        Assert.Equal(1, server.Bus.SubscriberCount);
        Assert.False(observer.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Get_ClientLeaves_DetachedPublishedAndSubscriptionRemoved()
    {
        using var observer = server.Bus.Subscribe("observer", [EventTypes.EventStreamDetached]);
        var client = await server.ConnectAsync();
        await client.NextFrameAsync();
        Assert.Equal(2, server.Bus.SubscriberCount);

        client.Dispose();

        var detached = await ReadAsync(observer);
        Assert.Equal("127.0.0.1", ((EventStreamDetachedEvent)detached.Event).RemoteAddress);
        await WaitUntilAsync(() => server.Bus.SubscriberCount == 1);
        Assert.Contains(server.Log.Entries, e => e.Id.Id == 3703);
    }

    [Fact]
    public async Task Get_PlanFormat_FullAddsGroupsLightDoesNot()
    {
        using var light = await server.ConnectAsync("?event_type=deployment_success&plan-format=light");
        using var full = await server.ConnectAsync("?event_type=deployment_success&plan-format=full");
        using var unspecified = await server.ConnectAsync("?event_type=deployment_success");

        server.Bus.Publish(SampleEvents.ByFixture["deployment_success"]);

        Assert.Null(JsonNode.Parse((await light.NextFrameAsync()).Data!)!["plan"]!["original"]);
        Assert.NotNull(JsonNode.Parse((await full.NextFrameAsync()).Data!)!["plan"]!["original"]);
        Assert.Null(JsonNode.Parse((await unspecified.NextFrameAsync()).Data!)!["plan"]!["original"]);
    }

    [Fact]
    public async Task Get_SlowConsumer_DroppedConnectionAbortedDetachedPublished()
    {
        await using var small = await StartRealClockServerAsync(TimeSpan.FromSeconds(10), maxOutstanding: 4);
        using var observer = small.Bus.Subscribe("observer", [EventTypes.EventStreamDetached]);
        using var client = await small.ConnectAsync();
        var big = SampleEvents.App with { Cmd = new string('x', 64 * 1024) };

        // The client reads nothing: socket buffers fill, the writer stalls, the queue overflows.
        for (var i = 0; i < 2000 && !observer.Reader.TryPeek(out _); i++)
        {
            small.Bus.Publish(new ApiPostEvent("10.0.0.1", "/v2/apps/foo", big) { Timestamp = SampleEvents.At });
            if (i % 20 == 0)
            {
                await Task.Delay(5);
            }
        }

        var detached = await ReadAsync(observer);
        Assert.IsType<EventStreamDetachedEvent>(detached.Event);
        Assert.Contains(small.Log.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 3700);
        await WaitUntilAsync(() => small.Bus.SubscriberCount == 1);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await client.NextAsync() is not null)
            {
            }
        });
    }

    [Fact]
    public async Task CloseAll_OpenStream_EndsCleanly()
    {
        using var client = await server.ConnectAsync();
        await client.NextFrameAsync();

        server.Bus.CloseAll("standing by");

        Assert.Null(await client.NextAsync());
    }

    [Fact]
    public async Task StopHost_OpenStream_StreamEndsAndStopDoesNotWait()
    {
        using var client = await server.ConnectAsync();
        await client.NextFrameAsync();

        var stop = server.StopAsync();

        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Null(await client.NextAsync());
    }

    private static async Task<EventStreamServer> StartRealClockServerAsync(TimeSpan heartbeat, int maxOutstanding = EventBus.DefaultCapacity) =>
        await EventStreamServer.StartAsync(new EventStreamOptions { HeartbeatInterval = heartbeat, MaxOutstandingMessages = maxOutstanding }, TimeProvider.System);

    private static async Task<PublishedEvent> ReadAsync(EventSubscription subscription)
    {
        using var timeout = new CancellationTokenSource(SseTestClient.Timeout);
        return await subscription.Reader.ReadAsync(timeout.Token);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + SseTestClient.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
