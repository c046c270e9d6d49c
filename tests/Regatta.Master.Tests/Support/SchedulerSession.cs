using System.Threading.Channels;
using Regatta.Protocol;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Tests.Support;

/// <summary>An open SUBSCRIBE stream read in the background; events are queued for the test to take in order.</summary>
internal sealed class SchedulerSession : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>();
    private readonly Task _reader;

    public SchedulerSession(SchedulerTestClient client, HttpResponseMessage response, WireFormat format)
    {
        Client = client;
        _response = response;
        StreamId = response.Headers.GetValues("Mesos-Stream-Id").Single();
        _reader = Task.Run(() => ReadAsync(format));
    }

    public SchedulerTestClient Client { get; }

    public string StreamId { get; }

    public string FrameworkId { get; set; } = "";

    /// <summary>The next event of <paramref name="type"/>, skipping (and dropping) others such as heartbeats.</summary>
    public async Task<Event> NextAsync(Event.Types.Type type, double timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Event next;
            try
            {
                next = await _events.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {type} event within {timeoutSeconds} s");
            }

            if (next.Type == type)
            {
                return next;
            }
        }
    }

    /// <summary>The next event of any type.</summary>
    public async Task<Event> NextAnyAsync(double timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Completes when the master ends the stream.</summary>
    public Task Ended => _reader;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception)
        {
            // The stream was torn down under the reader.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(WireFormat format)
    {
        try
        {
            var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            var reader = new RecordIOReader();
            await foreach (var record in reader.ReadRecordsAsync(body, _stop.Token))
            {
                _events.Writer.TryWrite(MesosCodec.Decode<Event>(record.Span, format));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or HttpRequestException)
        {
            // Closed.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
