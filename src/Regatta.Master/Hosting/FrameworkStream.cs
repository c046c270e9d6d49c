using System.Buffers;
using System.Threading.Channels;
using Regatta.Master.Core;
using Regatta.Protocol;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Hosting;

/// <summary>
/// One SUBSCRIBE response: events queued by the master are written as RecordIO records in the negotiated
/// encoding, whatever is queued at once going out in one write and flush; a HEARTBEAT goes out every
/// heartbeat interval. Ends when the master closes it (after the queued events) or the client goes away.
/// </summary>
internal sealed class FrameworkStream : IFrameworkStream
{
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WireFormat _format;
    private readonly TimeSpan _heartbeatInterval;
    private readonly TimeProvider _time;

    public FrameworkStream(string streamId, WireFormat format, TimeSpan heartbeatInterval, TimeProvider time)
    {
        StreamId = streamId;
        _format = format;
        _heartbeatInterval = heartbeatInterval;
        _time = time;
    }

    public string StreamId { get; }

    public bool TrySend(Event schedulerEvent) => _events.Writer.TryWrite(schedulerEvent);

    public void Close() => _events.Writer.TryComplete();

    /// <summary>Writes events to <paramref name="body"/> until closed or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Stream body, CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        var buffer = new ArrayBufferWriter<byte>(4096);
        var nextHeartbeat = _time.GetUtcNow() + _heartbeatInterval;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            Task<bool>? readable = null;
            Task? heartbeat = null;
            while (true)
            {
                // Both waits live across iterations: one pending read (the channel has a single reader) and
                // one heartbeat timer, re-created only after it fires.
                readable ??= reader.WaitToReadAsync(stop.Token).AsTask();
                heartbeat ??= Task.Delay(Until(nextHeartbeat), _time, stop.Token);
                await Task.WhenAny(readable, heartbeat).ConfigureAwait(false);
                if (heartbeat.IsCompleted)
                {
                    await heartbeat.ConfigureAwait(false);
                    heartbeat = null;
                    nextHeartbeat += _heartbeatInterval;
                    MesosCodec.WriteRecord(buffer, SchedulerEvents.Heartbeat, _format);
                    await FlushAsync(body, buffer, stop.Token).ConfigureAwait(false);
                }

                if (!readable.IsCompleted)
                {
                    continue;
                }

                var more = await readable.ConfigureAwait(false);
                readable = null;
                if (!more)
                {
                    return;
                }

                while (buffer.WrittenCount < 1024 * 1024 && reader.TryRead(out var schedulerEvent))
                {
                    MesosCodec.WriteRecord(buffer, schedulerEvent, _format);
                }

                await FlushAsync(body, buffer, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
        finally
        {
            // Stop the pending heartbeat delay and read wait.
            await stop.CancelAsync().ConfigureAwait(false);
            _events.Writer.TryComplete();
        }
    }

    private TimeSpan Until(DateTimeOffset due)
    {
        var left = due - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static async Task FlushAsync(Stream body, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        await body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }
}
