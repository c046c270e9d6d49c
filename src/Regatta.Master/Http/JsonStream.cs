using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Regatta.Master.Http;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over an HTTP response pipe that hands bytes to the socket in slices, so a big
/// <c>/master/state</c> is never held whole in memory: writers call <see cref="CheckpointAsync"/> between
/// elements and the bytes written since the last flush go out once they pass a threshold.
/// </summary>
internal sealed class JsonStream : IAsyncDisposable
{
    private const int FlushThresholdBytes = 32 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        // Mesos emits '/', '+', '<' and non-ASCII text as is; the body is JSON (or JSONP script), not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly PipeWriter _pipe;
    private readonly CancellationToken _cancellationToken;
    private long _flushedAt;

    public JsonStream(PipeWriter pipe, CancellationToken cancellationToken)
    {
        _pipe = pipe;
        _cancellationToken = cancellationToken;
        Writer = new Utf8JsonWriter(pipe, Options);
    }

    public Utf8JsonWriter Writer { get; }

    public CancellationToken CancellationToken => _cancellationToken;

    /// <summary>Sends what has accumulated if it is more than a slice; cheap to call after every element.</summary>
    public ValueTask CheckpointAsync()
    {
        var written = Writer.BytesCommitted + Writer.BytesPending;
        return written - _flushedAt < FlushThresholdBytes ? ValueTask.CompletedTask : FlushCoreAsync(written);
    }

    /// <summary>Raw bytes outside the JSON value (the JSONP wrapper); commits the JSON written so far first.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Writer.Flush();
        _pipe.Write(bytes);
    }

    public async ValueTask FlushAsync()
    {
        Writer.Flush();
        await _pipe.FlushAsync(_cancellationToken).ConfigureAwait(false);
        _flushedAt = Writer.BytesCommitted;
    }

    public ValueTask DisposeAsync() => Writer.DisposeAsync();

    private async ValueTask FlushCoreAsync(long written)
    {
        Writer.Flush();
        await _pipe.FlushAsync(_cancellationToken).ConfigureAwait(false);
        _flushedAt = written;
    }
}
