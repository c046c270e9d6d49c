using System.Buffers;
using System.Buffers.Text;

namespace Regatta.Protocol;

/// <summary>
/// RecordIO framing (Mesos docs/recordio.md): each record is its payload length in ASCII decimal, a newline, then
/// the payload bytes, with nothing after the payload. Example: <c>20\n{"type":"HEARTBEAT"}</c>.
/// </summary>
public static class RecordIOWriter
{
    // ulong.MaxValue has 20 digits; plus the newline.
    private const int MaxHeaderLength = 21;

    // Below this size header and payload are copied into one buffer so the stream sees a single write
    // (one HTTP chunk instead of two).
    private const int CoalesceLimit = 16 * 1024;

    public static void WriteRecord(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteHeader(output, payload.Length);
        output.Write(payload);
    }

    public static async ValueTask WriteRecordAsync(
        Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (payload.IsEmpty)
        {
            throw new ArgumentException("RecordIO records are never empty (Mesos never writes length 0).", nameof(payload));
        }

        var rented = ArrayPool<byte>.Shared.Rent(MaxHeaderLength + Math.Min(payload.Length, CoalesceLimit));
        try
        {
            var headerLength = FormatHeader(rented, payload.Length);
            if (payload.Length <= CoalesceLimit)
            {
                payload.Span.CopyTo(rented.AsSpan(headerLength));
                await stream.WriteAsync(rented.AsMemory(0, headerLength + payload.Length), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await stream.WriteAsync(rented.AsMemory(0, headerLength), cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static void WriteHeader(IBufferWriter<byte> output, int payloadLength)
    {
        if (payloadLength <= 0)
        {
            throw new ArgumentException("RecordIO records are never empty (Mesos never writes length 0).", nameof(payloadLength));
        }

        var span = output.GetSpan(MaxHeaderLength);
        output.Advance(FormatHeader(span, payloadLength));
    }

    private static int FormatHeader(Span<byte> destination, int payloadLength)
    {
        Utf8Formatter.TryFormat(payloadLength, destination, out var written);
        destination[written] = (byte)'\n';
        return written + 1;
    }
}
