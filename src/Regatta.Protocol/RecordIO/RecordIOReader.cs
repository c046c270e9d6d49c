using System.Buffers;
using System.Runtime.CompilerServices;

namespace Regatta.Protocol;

/// <summary>
/// Incremental RecordIO decoder: feed it byte chunks cut anywhere (HTTP chunk boundaries mean nothing) and take
/// out complete records. Not thread-safe; one reader per stream.
/// </summary>
public sealed class RecordIOReader
{
    public const int DefaultMaxRecordLength = 64 * 1024 * 1024;

    // 64 MiB has 8 digits; anything longer is rejected before it is buffered.
    private const int MaxLengthDigits = 19;

    private readonly int maxRecordLength;
    private readonly Queue<ReadOnlyMemory<byte>> ready = new();

    // A length line alone must not make us allocate up to the limit: the buffer grows as payload bytes arrive.
    private const int InitialRecordBuffer = 64 * 1024;

    private long pendingLength;
    private int pendingDigits;
    private byte[]? record;
    private int recordLength;
    private int recordFilled;
    private long offset;

    public RecordIOReader(int maxRecordLength = DefaultMaxRecordLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordLength);
        this.maxRecordLength = maxRecordLength;
    }

    /// <summary>True when the bytes consumed so far end exactly at a record boundary.</summary>
    public bool IsAtRecordBoundary => record is null && pendingDigits == 0;

    /// <summary>Consumes a chunk; complete records become available through <see cref="TryReadRecord"/>.</summary>
    /// <exception cref="RecordIOException">The framing is broken; the reader must not be used afterwards.</exception>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            if (record is not null)
            {
                var take = Math.Min(chunk.Length, recordLength - recordFilled);
                EnsureCapacity(recordFilled + take);
                chunk[..take].CopyTo(record.AsSpan(recordFilled));
                recordFilled += take;
                chunk = chunk[take..];
                offset += take;
                if (recordFilled == recordLength)
                {
                    ready.Enqueue(record);
                    record = null;
                }

                continue;
            }

            var b = chunk[0];
            chunk = chunk[1..];
            if (b == (byte)'\n')
            {
                StartRecord();
            }
            else if (b is >= (byte)'0' and <= (byte)'9')
            {
                pendingLength = (pendingLength * 10) + (b - '0');
                pendingDigits++;
                if (pendingDigits > MaxLengthDigits || pendingLength > maxRecordLength)
                {
                    throw new RecordIOException(
                        $"RecordIO record at byte {offset - pendingDigits + 1} is longer than the limit of {maxRecordLength} bytes");
                }
            }
            else
            {
                throw new RecordIOException(
                    $"RecordIO length at byte {offset} contains the non-digit byte 0x{b:X2}; expected '<decimal length>\\n'");
            }

            offset++;
        }
    }

    /// <summary>Takes the next complete record, if any. Each record is its own array and stays valid.</summary>
    public bool TryReadRecord(out ReadOnlyMemory<byte> payload) => ready.TryDequeue(out payload);

    /// <summary>Signals the end of the input.</summary>
    /// <exception cref="RecordIOException">The input ended inside a record.</exception>
    public void Complete()
    {
        if (record is not null)
        {
            throw new RecordIOException(
                $"RecordIO stream ended inside a record: {recordFilled} of {recordLength} payload bytes received");
        }

        if (pendingDigits > 0)
        {
            throw new RecordIOException("RecordIO stream ended inside a record length");
        }
    }

    /// <summary>Reads records from <paramref name="stream"/> until it ends.</summary>
    /// <exception cref="RecordIOException">Broken framing, or the stream ended inside a record.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadRecordsAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                while (TryReadRecord(out var payload))
                {
                    yield return payload;
                }

                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Complete();
                    yield break;
                }

                Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= record!.Length)
        {
            return;
        }

        // Doubling capped at the record length leaves the final array exactly the payload's size.
        var grown = new byte[Math.Min(recordLength, Math.Max(needed, record.Length * 2))];
        record.AsSpan(0, recordFilled).CopyTo(grown);
        record = grown;
    }

    private void StartRecord()
    {
        if (pendingDigits == 0)
        {
            throw new RecordIOException($"RecordIO length at byte {offset} is empty; expected '<decimal length>\\n'");
        }

        if (pendingLength == 0)
        {
            throw new RecordIOException($"RecordIO record at byte {offset - pendingDigits} has length 0, which is never valid");
        }

        recordLength = (int)pendingLength;
        record = new byte[Math.Min(recordLength, InitialRecordBuffer)];
        recordFilled = 0;
        pendingLength = 0;
        pendingDigits = 0;
    }
}
