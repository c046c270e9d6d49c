using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>One entry point for both encodings, chosen by <see cref="WireFormat"/>.</summary>
public static class MesosCodec
{
    public static byte[] Encode(IMessage message, WireFormat format) => format switch
    {
        WireFormat.Json => MesosJson.FormatUtf8(message),
        WireFormat.Protobuf => MesosProtobuf.Encode(message),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format."),
    };

    /// <summary>Appends the encoded message to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, IMessage message, WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        switch (format)
        {
            case WireFormat.Json:
                MesosJson.Write(output, message);
                break;
            case WireFormat.Protobuf:
                message.WriteTo(output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format.");
        }
    }

    /// <summary>Encodes the message and frames it as one RecordIO record (<c>length\npayload</c>).</summary>
    public static void WriteRecord(IBufferWriter<byte> output, IMessage message, WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        if (format == WireFormat.Protobuf)
        {
            // The size is known up front, so the payload goes straight into the output.
            var size = message.CalculateSize();
            RecordIOWriter.WriteHeader(output, size);
            message.WriteTo(output);
            return;
        }

        if (format != WireFormat.Json)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format.");
        }

        MesosJson.WriteRecord(output, message);
    }

    /// <exception cref="MesosDecodeException">The payload is not a valid message in that format.</exception>
    public static T Decode<T>(ReadOnlySpan<byte> payload, WireFormat format)
        where T : IMessage<T>, new() => format switch
        {
            WireFormat.Json => MesosJson.Parse<T>(payload),
            WireFormat.Protobuf => MesosProtobuf.Decode<T>(payload),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format."),
        };

    /// <exception cref="MesosDecodeException">The payload is not a valid message in that format.</exception>
    public static IMessage Decode(MessageDescriptor descriptor, ReadOnlySpan<byte> payload, WireFormat format) => format switch
    {
        WireFormat.Json => MesosJson.Parse(descriptor, payload),
        WireFormat.Protobuf => MesosProtobuf.Decode(descriptor, payload),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format."),
    };
}
