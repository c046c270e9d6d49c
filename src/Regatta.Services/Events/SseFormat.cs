using System.Buffers;
using System.Text;

namespace Regatta.Services.Events;

/// <summary>
/// Server-sent-events framing as Jetty's <c>EventSourceServlet</c> writes it, which Marathon clients are used to:
/// <c>event: &lt;type&gt;\r\n</c>, one <c>data: &lt;line&gt;\r\n</c> per line of the data (split at CR, LF or CRLF;
/// a final line break adds no empty line), then <c>\r\n</c>. The keep-alive is a bare <c>\r\n</c>: an empty line,
/// which SSE parsers ignore when no data came before it.
/// </summary>
internal static class SseFormat
{
    public static ReadOnlySpan<byte> Heartbeat => "\r\n"u8;

    private static ReadOnlySpan<byte> EventField => "event: "u8;

    private static ReadOnlySpan<byte> DataField => "data: "u8;

    private static ReadOnlySpan<byte> LineEnd => "\r\n"u8;

    public static byte[] Frame(string eventType, ReadOnlySpan<byte> utf8Data)
    {
        var buffer = new ArrayBufferWriter<byte>(utf8Data.Length + eventType.Length + 24);
        WriteFrame(buffer, eventType, utf8Data);
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteFrame(IBufferWriter<byte> output, string eventType, ReadOnlySpan<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(eventType);
        if (eventType.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An event type cannot contain a line break.", nameof(eventType));
        }

        output.Write(EventField);
        output.Write(Encoding.UTF8.GetBytes(eventType));
        output.Write(LineEnd);

        // CR and LF bytes never occur inside a multi-byte UTF-8 sequence, so splitting bytes splits characters safely.
        var rest = utf8Data;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            output.Write(DataField);
            output.Write(line);
            output.Write(LineEnd);
            if (end < 0)
            {
                break;
            }

            var breakLength = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
            rest = rest[(end + breakLength)..];
        }

        output.Write(LineEnd);
    }
}
