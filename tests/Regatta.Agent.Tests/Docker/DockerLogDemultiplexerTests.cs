using System.Text;
using Regatta.Agent.Containerizers.Docker;

namespace Regatta.Agent.Tests.Docker;

public sealed class DockerLogDemultiplexerTests
{
    [Fact]
    public async Task CopyAsync_Frames_GoToTheirStreams()
    {
        var source = new TrickleStream(Frames((1, "out one\n"), (2, "err\n"), (1, "out two\n")));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        await DockerLogDemultiplexer.CopyAsync(source, stdout, stderr, CancellationToken.None);

        Assert.Equal("out one\nout two\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task CopyAsync_StreamEndingMidFrame_KeepsWhatArrived()
    {
        var bytes = Frames((2, "complete\n"), (1, "partial-line"));
        using var source = new MemoryStream(bytes[..^4]);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        await DockerLogDemultiplexer.CopyAsync(source, stdout, stderr, CancellationToken.None);

        Assert.Equal("partial-", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("complete\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    internal static byte[] Frames(params (byte Stream, string Text)[] frames)
    {
        using var buffer = new MemoryStream();
        foreach (var (stream, text) in frames)
        {
            var payload = Encoding.UTF8.GetBytes(text);
            buffer.Write([stream, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length]);
            buffer.Write(payload);
        }

        return buffer.ToArray();
    }

    /// <summary>Hands out one byte per read, as a slow socket might: frames arrive split anywhere.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
