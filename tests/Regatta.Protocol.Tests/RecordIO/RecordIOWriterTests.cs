using System.Buffers;
using System.Text;

namespace Regatta.Protocol.Tests.RecordIO;

public sealed class RecordIOWriterTests
{
    [Fact]
    public void WriteRecord_Payload_PrefixesDecimalLengthAndNewline()
    {
        var output = new ArrayBufferWriter<byte>();

        RecordIOWriter.WriteRecord(output, """{"type":"HEARTBEAT"}"""u8);

        Assert.Equal("20\n{\"type\":\"HEARTBEAT\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteRecord_EmptyPayload_Rejected()
    {
        Assert.Throws<ArgumentException>(() => RecordIOWriter.WriteRecord(new ArrayBufferWriter<byte>(), []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData((16 * 1024) + 1)]
    [InlineData(200_000)]
    public async Task WriteRecordAsync_AnySize_WritesFramedRecord(int size)
    {
        var payload = new byte[size];
        new Random(size).NextBytes(payload);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = new MemoryStream();

        await RecordIOWriter.WriteRecordAsync(stream, payload, timeout.Token);

        var header = Encoding.ASCII.GetBytes($"{size}\n");
        Assert.Equal([.. header, .. payload], stream.ToArray());
    }

    [Fact]
    public async Task WriteRecordAsync_EmptyPayload_Rejected()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(
            () => RecordIOWriter.WriteRecordAsync(stream, ReadOnlyMemory<byte>.Empty, timeout.Token).AsTask());
    }
}
