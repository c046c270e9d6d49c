using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Regatta.Protocol;

/// <summary>Encodings of identities Mesos puts on the wire.</summary>
public static class MesosIds
{
    /// <summary>
    /// <c>MasterInfo.ip</c>: the IPv4 address in network byte order stored in a uint32 field, which on the wire reads
    /// as the four address bytes taken little-endian (127.0.0.1 → 16777343).
    /// </summary>
    /// <exception cref="ArgumentException">The address is not IPv4 (nor IPv4-mapped IPv6).</exception>
    public static uint PackIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"MasterInfo.ip holds only IPv4 addresses, got '{address}'.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public static IPAddress UnpackIPv4(uint packed)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, packed);
        return new IPAddress(bytes);
    }
}
