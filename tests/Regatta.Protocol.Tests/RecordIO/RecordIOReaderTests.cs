using System.Buffers;
using System.Text;

namespace Regatta.Protocol.Tests.RecordIO;

public sealed class RecordIOReaderTests
{
    private static readonly string[] Payloads =
    [
        """{"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"f"},"heartbeat_interval_seconds":15}}""",
        """{"type":"HEARTBEAT"}""",
        "x",
        "line\nbreaks\n1234\n",
        new string('z', 1000),
    ];

    [Fact]
    public void Append_StreamSplitAtEveryOffset_YieldsSameRecords()
    {
        var stream = Encode(Payloads);
        for (var split = 0; split <= stream.Length; split++)
        {
            var reader = new RecordIOReader();

            reader.Append(stream.AsSpan(0, split));
            var records = Drain(reader);
            reader.Append(stream.AsSpan(split));
            records.AddRange(Drain(reader));

            Assert.Equal(Payloads, records);
            Assert.True(reader.IsAtRecordBoundary);
        }
    }

    [Fact]
    public void Append_RandomChunkSizes_YieldsSameRecords()
    {
        var stream = Encode(Payloads);
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var reader = new RecordIOReader();
            var records = new List<string>();
            for (var position = 0; position < stream.Length;)
            {
                var size = Math.Min(random.Next(1, 40), stream.Length - position);
                reader.Append(stream.AsSpan(position, size));
                records.AddRange(Drain(reader));
                position += size;
            }

            reader.Complete();
            Assert.Equal(Payloads, records);
        }
    }

    [Fact]
    public void Append_OneByteAtATime_YieldsSameRecords()
    {
        var stream = Encode(Payloads);
        var reader = new RecordIOReader();
        var records = new List<string>();

        foreach (var b in stream)
        {
            reader.Append([b]);
            records.AddRange(Drain(reader));
        }

        Assert.Equal(Payloads, records);
    }

    [Theory]
    [InlineData("abc\n{}", "non-digit byte 0x61")]
    [InlineData("-5\nhello", "non-digit byte 0x2D")]
    [InlineData(" 5\nhello", "non-digit byte 0x20")]
    [InlineData("5 \nhello", "non-digit byte 0x20")]
    [InlineData("\nhello", "is empty")]
    [InlineData("0\n", "has length 0")]
    [InlineData("5\nhello\n3\nabc", "at byte 7 is empty")]
    [InlineData("99999999999999999999999\n", "longer than the limit")]
    public void Append_InvalidFraming_ThrowsRecordIOException(string input, string expected)
    {
        var reader = new RecordIOReader();

        var e = Assert.Throws<RecordIOException>(() => reader.Append(Encoding.UTF8.GetBytes(input)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_LengthAboveConfiguredMax_RejectedBeforeBuffering()
    {
        var reader = new RecordIOReader(maxRecordLength: 100);

        var e = Assert.Throws<RecordIOException>(() => reader.Append("101\n"u8));

        Assert.Contains("longer than the limit of 100 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_LengthAtConfiguredMax_Accepted()
    {
        var reader = new RecordIOReader(maxRecordLength: 3);

        reader.Append("3\nabc"u8);

        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal("abc", Encoding.UTF8.GetString(record.Span));
    }

    [Theory]
    [InlineData("5\nhel", "3 of 5 payload bytes")]
    [InlineData("12", "inside a record length")]
    public void Complete_InsideRecord_Throws(string input, string expected)
    {
        var reader = new RecordIOReader();
        reader.Append(Encoding.UTF8.GetBytes(input));

        var e = Assert.Throws<RecordIOException>(reader.Complete);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_RecordLargerThanInitialBuffer_GrowsToExactPayload()
    {
        var payload = new byte[200_000];
        new Random(3).NextBytes(payload);
        var output = new ArrayBufferWriter<byte>();
        RecordIOWriter.WriteRecord(output, payload);
        var stream = output.WrittenSpan.ToArray();
        var reader = new RecordIOReader();

        for (var position = 0; position < stream.Length; position += 3000)
        {
            reader.Append(stream.AsSpan(position, Math.Min(3000, stream.Length - position)));
        }

        Assert.True(reader.TryReadRecord(out var record));
        Assert.Equal(payload, record.ToArray());
        Assert.Equal(payload.Length, record.Length);
    }

    [Fact]
    public void TryReadRecord_RecordsStayValidAfterMoreInput()
    {
        var reader = new RecordIOReader();
        reader.Append("3\nabc"u8);
        Assert.True(reader.TryReadRecord(out var first));

        reader.Append("3\nxyz"u8);

        Assert.Equal("abc", Encoding.UTF8.GetString(first.Span));
    }

    [Fact]
    public async Task ReadRecordsAsync_StreamInSmallReads_YieldsAllRecords()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = new TrickleStream(Encode(Payloads), maxRead: 7);
        var records = new List<string>();

        await foreach (var record in new RecordIOReader().ReadRecordsAsync(stream, timeout.Token))
        {
            records.Add(Encoding.UTF8.GetString(record.Span));
        }

        Assert.Equal(Payloads, records);
    }

    [Fact]
    public async Task ReadRecordsAsync_TruncatedStream_Throws()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bytes = Encode(Payloads);
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 1);

        await Assert.ThrowsAsync<RecordIOException>(async () =>
        {
            await foreach (var unused in new RecordIOReader().ReadRecordsAsync(stream, timeout.Token))
            {
            }
        });
    }

    [Fact]
    public async Task ReadRecordsAsync_Cancelled_Stops()
    {
        using var cancellation = new CancellationTokenSource();
        using var stream = new MemoryStream(Encode(Payloads));
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in new RecordIOReader().ReadRecordsAsync(stream, cancellation.Token))
            {
                count++;
                await cancellation.CancelAsync();
            }
        });

        Assert.True(count >= 1);
    }

    private static byte[] Encode(IEnumerable<string> payloads)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var payload in payloads)
        {
            RecordIOWriter.WriteRecord(output, Encoding.UTF8.GetBytes(payload));
        }

        return output.WrittenSpan.ToArray();
    }

    private static List<string> Drain(RecordIOReader reader)
    {
        var records = new List<string>();
        while (reader.TryReadRecord(out var record))
        {
            records.Add(Encoding.UTF8.GetString(record.Span));
        }

        return records;
    }

    private sealed class TrickleStream(byte[] data, int maxRead) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    }
}
