using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using IMessage = Google.Protobuf.IMessage;
using MasterEvent = Regatta.Protocol.V1.Master.Event;

namespace Regatta.Master.Http;

/// <summary>
/// The operator SUBSCRIBE stream: 200 with a RecordIO body in the negotiated format, first SUBSCRIBED (the full
/// state and the heartbeat interval), then every event the master publishes, with a HEARTBEAT every interval
/// (the first one interval after subscribing). Ends when the client goes away or the master drops the
/// subscriber (too slow, too many subscribers, shutdown).
/// </summary>
internal sealed class OperatorEventStream
{
    // Events the master may queue for one subscriber before dropping it as too slow.
    private const int SubscriberCapacity = 4096;

    private readonly MasterHost _master;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public OperatorEventStream(MasterHost master, TimeProvider timeProvider, ILogger logger)
    {
        _master = master;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task RunAsync(HttpContext context, WireFormat format)
    {
        var aborted = context.RequestAborted;
        OperatorSubscription subscription;
        try
        {
            subscription = await _master.SubscribeOperatorEventsAsync(SubscriberCapacity, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.MasterUnavailable(context.Request.Path, e.Message);
            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master is not available: " + e.Message)
                .ConfigureAwait(false);
            return;
        }

        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        using (subscription)
        {
            _logger.SubscriberConnected(remote, format.ToMediaType());
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = format.ToMediaType();
            if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }

            try
            {
                await StreamAsync(context, subscription, format, aborted).ConfigureAwait(false);
                _logger.SubscriberDisconnected(remote);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                _logger.SubscriberDisconnected(remote);
            }
            catch (OperatorSubscriptionClosedException e)
            {
                _logger.SubscriberClosed(remote, e.Message);
            }
            catch (IOException)
            {
                // The connection broke mid-write.
                _logger.SubscriberDisconnected(remote);
            }
        }
    }

    private async Task StreamAsync(HttpContext context, OperatorSubscription subscription, WireFormat format, CancellationToken aborted)
    {
        var interval = _master.Options.HeartbeatInterval;
        var output = context.Response.BodyWriter;
        await context.Response.StartAsync(aborted).ConfigureAwait(false);
        await WriteAsync(output, Subscribed(subscription.Snapshot, interval), format, aborted).ConfigureAwait(false);

        using var loop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            var events = subscription.Events;
            var eventReady = events.WaitToReadAsync(loop.Token).AsTask();
            var heartbeatDue = Task.Delay(interval, _timeProvider, loop.Token);
            while (true)
            {
                var first = await Task.WhenAny(eventReady, heartbeatDue).ConfigureAwait(false);
                if (first == heartbeatDue)
                {
                    await heartbeatDue.ConfigureAwait(false);
                    await WriteAsync(output, new MasterEvent { Type = MasterEvent.Types.Type.Heartbeat }, format, aborted).ConfigureAwait(false);
                    heartbeatDue = Task.Delay(interval, _timeProvider, loop.Token);
                    continue;
                }

                // Throws the subscription's closing exception when the master dropped this subscriber.
                if (!await eventReady.ConfigureAwait(false))
                {
                    return;
                }

                while (events.TryRead(out var masterEvent))
                {
                    WriteRecord(output, masterEvent, format);
                }

                await output.FlushAsync(aborted).ConfigureAwait(false);
                eventReady = events.WaitToReadAsync(loop.Token).AsTask();
            }
        }
        finally
        {
            // Cancels the pending heartbeat delay and event wait so nothing outlives the request.
            await loop.CancelAsync().ConfigureAwait(false);
        }
    }

    private static MasterEvent Subscribed(MasterSnapshot snapshot, TimeSpan interval) => new()
    {
        Type = MasterEvent.Types.Type.Subscribed,
        Subscribed = new MasterEvent.Types.Subscribed
        {
            GetState = OperatorResponses.BuildState(snapshot),
            HeartbeatIntervalSeconds = interval.TotalSeconds,
        },
    };

    private static async ValueTask WriteAsync(System.IO.Pipelines.PipeWriter output, IMessage message, WireFormat format, CancellationToken cancellationToken)
    {
        WriteRecord(output, message, format);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Encoded to an array first: Google.Protobuf's IBufferWriter path advances before it asks for memory,
    // which Kestrel's response pipe rejects.
    private static void WriteRecord(System.IO.Pipelines.PipeWriter output, IMessage message, WireFormat format) =>
        RecordIOWriter.WriteRecord(output, MesosCodec.Encode(message, format));
}
