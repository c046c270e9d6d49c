using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>
/// Binary protobuf encoding with proto2 <c>required</c> enforcement: Google.Protobuf's C# parser does not check
/// required fields, while Mesos rejects such messages, so decoding walks the descriptors and names what is missing.
/// </summary>
public static class MesosProtobuf
{
    private const int MaxMissingFieldsListed = 20;

    public static byte[] Encode(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ToByteArray();
    }

    /// <exception cref="MesosProtobufException">Invalid wire data or missing required fields.</exception>
    public static T Decode<T>(ReadOnlySpan<byte> data)
        where T : IMessage<T>, new()
    {
        var message = new T();
        DecodeInto(message, data);
        return message;
    }

    /// <exception cref="MesosProtobufException">Invalid wire data or missing required fields.</exception>
    public static IMessage Decode(MessageDescriptor descriptor, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var message = MessageTable.For(descriptor).Create();
        DecodeInto(message, data);
        return message;
    }

    private static void DecodeInto(IMessage message, ReadOnlySpan<byte> data)
    {
        try
        {
            message.MergeFrom(data);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new MesosProtobufException($"Invalid protobuf {message.Descriptor.FullName}: {e.Message}", e);
        }

        var table = MessageTable.For(message.Descriptor);
        if (!RequiredFields.AnyMissing(message, table))
        {
            return;
        }

        var missing = RequiredFields.FindMissing(message, table, MaxMissingFieldsListed + 1);
        var listed = string.Join(", ", missing.Take(MaxMissingFieldsListed));
        if (missing.Count > MaxMissingFieldsListed)
        {
            listed += ", …";
        }

        throw new MesosProtobufException("Missing required fields: " + listed);
    }
}
