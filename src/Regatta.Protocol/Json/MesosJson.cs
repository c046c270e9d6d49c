using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>
/// Mesos's JSON mapping for any generated message (stout's converter, not proto3 canonical JSON): proto field
/// names, enum names, base64 bytes, 64-bit integers as numbers, unset fields omitted except non-deprecated fields
/// with an explicit default. See README.md for the full rule set.
/// </summary>
public static class MesosJson
{
    /// <summary>Nesting limit for parsed input (objects and arrays).</summary>
    public const int MaxDepth = MesosJsonParser.MaxDepth;

    private const int MaxCachedBufferBytes = 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Base64 '+' and '/' and non-ASCII text stay readable; the output is an API body, never inlined into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? cachedBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    public static string Format(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Encoding.UTF8.GetString(WriteToCachedBuffer(message));
        ReleaseLargeBuffer();
        return text;
    }

    public static byte[] FormatUtf8(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = WriteToCachedBuffer(message).ToArray();
        ReleaseLargeBuffer();
        return bytes;
    }

    /// <summary>Writes the message as one JSON object (a value position of <paramref name="writer"/>).</summary>
    public static void Write(Utf8JsonWriter writer, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        MesosJsonWriter.WriteMessage(writer, message, MessageTable.For(message.Descriptor), 0);
    }

    /// <summary>Appends the message's JSON to <paramref name="output"/> without an intermediate array.</summary>
    public static void Write(IBufferWriter<byte> output, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        MesosJsonWriter.WriteMessage(writer, message, MessageTable.For(message.Descriptor), 0);
    }

    /// <summary>Appends the message as one RecordIO record; the length must be known first, hence the scratch buffer.</summary>
    internal static void WriteRecord(IBufferWriter<byte> output, IMessage message)
    {
        RecordIOWriter.WriteRecord(output, WriteToCachedBuffer(message));
        ReleaseLargeBuffer();
    }

    /// <exception cref="MesosJsonException">Malformed JSON, a value of the wrong type, or missing required fields.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> utf8)
        where T : IMessage<T>, new()
    {
        var message = new T();
        MesosJsonParser.ParseInto(message, MessageTable.For(message.Descriptor), utf8);
        return message;
    }

    /// <exception cref="MesosJsonException">Malformed JSON, a value of the wrong type, or missing required fields.</exception>
    public static T Parse<T>(string json)
        where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(json);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, rented);
            return Parse<T>(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <exception cref="MesosJsonException">Malformed JSON, a value of the wrong type, or missing required fields.</exception>
    public static IMessage Parse(MessageDescriptor descriptor, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var table = MessageTable.For(descriptor);
        var message = table.Create();
        MesosJsonParser.ParseInto(message, table, utf8);
        return message;
    }

    // One huge GET_STATE must not pin megabytes per thread forever.
    private static void ReleaseLargeBuffer()
    {
        if (cachedBuffer is { Capacity: > MaxCachedBufferBytes })
        {
            cachedBuffer = null;
            cachedWriter = null;
        }
    }

    private static ReadOnlySpan<byte> WriteToCachedBuffer(IMessage message)
    {
        var buffer = cachedBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = cachedWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        MesosJsonWriter.WriteMessage(writer, message, MessageTable.For(message.Descriptor), 0);
        writer.Flush();
        return buffer.WrittenSpan;
    }
}
