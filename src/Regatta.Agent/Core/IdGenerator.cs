using Google.Protobuf;

namespace Regatta.Agent.Core;

/// <summary>Random ids from an injected <see cref="Random"/> so runs can be replayed: 16-byte status update uuids and
/// container ids (both RFC 4122 version 4, as Mesos's UUID::random).</summary>
internal sealed class IdGenerator(Random random)
{
    public byte[] NewUuidBytes()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        return bytes;
    }

    public ByteString NewStatusUuid() => ByteString.CopyFrom(NewUuidBytes());

    /// <summary>Canonical lower-case text of a fresh uuid (big-endian byte order, as Mesos prints it).</summary>
    public string NewContainerId() => new Guid(NewUuidBytes(), bigEndian: true).ToString();
}
