using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Regatta.Services.Events;

/// <summary>
/// One <c>GET /v2/events</c> request. Without <c>Accept: text/event-stream</c> it answers 405, as Marathon (Jetty) does.
/// Otherwise: 200 with Jetty's headers, a bus subscription filtered by <c>event_type=</c>, <c>event_stream_attached</c>
/// published, then every event as a frame (flushed one by one) and a bare CRLF every heartbeat interval, until the
/// client leaves, the bus drops it as a slow consumer (the connection is then aborted) or closes all streams, or the
/// host stops. <c>event_stream_detached</c> is published on the way out.
/// </summary>
internal sealed class EventStreamHandler
{
    private static readonly byte[] NotAcceptedBody =
        "{\"message\":\"GET /v2/events streams server-sent events: send the header 'Accept: text/event-stream'\"}"u8.ToArray();

    private static readonly byte[] HeartbeatBytes = SseFormat.Heartbeat.ToArray();

    private readonly EventBus bus;
    private readonly TimeProvider time;
    private readonly EventStreamOptions options;
    private readonly ILogger logger;

    public EventStreamHandler(EventBus bus, TimeProvider time, EventStreamOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.HeartbeatInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOutstandingMessages, 1);
        this.bus = bus;
        this.time = time;
        this.options = options;
        this.logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remoteAddress = RemoteAddress(context.Connection.RemoteIpAddress);
        if (!EventStreamQuery.AcceptsEventStream(context.Request.Headers.Accept))
        {
            logger.StreamRefused(remoteAddress, context.Request.Headers.Accept.ToString());
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(NotAcceptedBody, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var query = EventStreamQuery.Parse(context.Request.Query, options.DefaultPlanFormat);
        var name = $"{remoteAddress}:{context.Connection.RemotePort}";
        var stopping = context.RequestServices?.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        WriteHeaders(context);

        var subscription = bus.Subscribe(name, query.EventTypes, options.MaxOutstandingMessages);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, subscription.Ended, stopping);
        logger.StreamAttached(name, query.EventTypes.Count == 0 ? "all" : string.Join(',', query.EventTypes), query.PlanFormat);
        var attached = false;
        try
        {
            await context.Response.StartAsync(cancel.Token).ConfigureAwait(false);
            await context.Response.BodyWriter.FlushAsync(cancel.Token).ConfigureAwait(false);
            bus.Publish(new EventStreamAttachedEvent(remoteAddress) { Timestamp = time.GetUtcNow() });
            attached = true;
            await PumpAsync(context.Response, subscription, query.PlanFormat, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client left, the bus ended the subscription, or the host is stopping.
        }
        catch (IOException)
        {
            // The connection broke under a write.
        }
        finally
        {
            subscription.Dispose();
            if (attached)
            {
                bus.Publish(new EventStreamDetachedEvent(remoteAddress) { Timestamp = time.GetUtcNow() });
            }

            var reason = subscription.EndReason ?? SubscriptionEnd.Unsubscribed;
            logger.StreamDetached(name, reason);
            if (reason == SubscriptionEnd.Overflow)
            {
                // A slow consumer's socket may be stalled: finishing the response politely could wait forever.
                context.Abort();
            }
        }
    }

    /// <summary>The IP as Marathon's <c>remoteAddress</c> shows it; IPv4 clients of a dual-stack socket as IPv4.</summary>
    internal static string RemoteAddress(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    private static void WriteHeaders(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentType = "text/event-stream;charset=UTF-8";
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
        if (HttpProtocol.IsHttp10(context.Request.Protocol) || HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            // Jetty sends it; it also keeps intermediaries from pooling a connection that never ends cleanly.
            response.Headers.Connection = "close";
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private async Task PumpAsync(HttpResponse response, EventSubscription subscription, PlanFormat format, CancellationToken cancel)
    {
        using var heartbeat = new PeriodicTimer(options.HeartbeatInterval, time);
        var reader = subscription.Reader;
        var tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
        var ready = reader.WaitToReadAsync(cancel).AsTask();
        while (true)
        {
            if (await Task.WhenAny(ready, tick).ConfigureAwait(false) == tick)
            {
                if (!await tick.ConfigureAwait(false) || !await WriteAsync(response, HeartbeatBytes, cancel).ConfigureAwait(false))
                {
                    return;
                }

                tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
                continue;
            }

            if (!await ready.ConfigureAwait(false))
            {
                return; // the subscription ended
            }

            while (reader.TryRead(out var published))
            {
                if (!published.TryGetFrame(format, out var frame, out var error))
                {
                    logger.EventUnwritable(published.EventType, subscription.Name, error);
                    continue;
                }

                if (!await WriteAsync(response, frame, cancel).ConfigureAwait(false))
                {
                    return;
                }
            }

            ready = reader.WaitToReadAsync(cancel).AsTask();
        }
    }

    /// <summary>Writes and flushes; false once the connection is gone.</summary>
    private static async Task<bool> WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken cancel)
    {
        var result = await response.BodyWriter.WriteAsync(bytes, cancel).ConfigureAwait(false);
        return !result.IsCompleted && !result.IsCanceled;
    }
}
