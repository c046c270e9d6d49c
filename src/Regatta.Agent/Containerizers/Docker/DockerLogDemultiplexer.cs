using System.Buffers;
using System.Buffers.Binary;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// Splits the Engine API's multiplexed log stream (used when the container has no TTY) into stdout and stderr. Each
/// frame is an 8-byte header <c>[stream, 0, 0, 0, size (big-endian uint32)]</c> followed by <c>size</c> bytes; stream 1 is
/// stdout, 2 stderr (0, stdin, is written to stdout). A stream that ends mid-frame keeps what arrived.
/// </summary>
internal static class DockerLogDemultiplexer
{
    public static async Task CopyAsync(Stream source, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var header = new byte[8];
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var got = await source.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (got < header.Length)
                {
                    return;
                }

                var target = header[0] == 2 ? stderr : stdout;
                var remaining = (long)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                while (remaining > 0)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                }

                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
