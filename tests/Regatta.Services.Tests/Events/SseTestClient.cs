using System.Text;

namespace Regatta.Services.Tests.Events;

/// <summary>
/// Reads an SSE response the way a strict test wants it: item by item, keeping the raw bytes, so framing and
/// keep-alives can be asserted exactly. Every read gives up after <see cref="Timeout"/>.
/// </summary>
internal sealed class SseTestClient(HttpResponseMessage response, Stream stream) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly List<byte> buffer = [];

    public HttpResponseMessage Response { get; } = response;

    /// <summary>The next heartbeat (<c>\r\n</c>) or frame; null at the end of the stream.</summary>
    public async Task<SseItem?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (buffer.Count >= 2 && buffer[0] == '\r' && buffer[1] == '\n')
            {
                buffer.RemoveRange(0, 2);
                return new SseItem(null, null, "\r\n");
            }

            var end = IndexOfFrameEnd();
            if (end >= 0)
            {
                var raw = Encoding.UTF8.GetString(buffer.GetRange(0, end + 4).ToArray());
                buffer.RemoveRange(0, end + 4);
                var lines = raw[..^4].Split("\r\n");
                var type = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
                var data = string.Join('\n', lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]));
                return new SseItem(type, data, raw);
            }

            var chunk = new byte[4096];
            var read = await stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                return buffer.Count == 0 ? null : throw new InvalidOperationException("stream ended inside a frame");
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>The next frame, failing on a heartbeat or the end of the stream.</summary>
    public async Task<SseItem> NextFrameAsync()
    {
        var item = await NextAsync();
        Assert.NotNull(item);
        Assert.False(item.IsHeartbeat, "expected a frame, got a heartbeat");
        return item;
    }

    public void Dispose()
    {
        stream.Dispose();
        Response.Dispose();
    }

    private int IndexOfFrameEnd()
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A frame (<see cref="EventType"/> and <see cref="Data"/>) or a heartbeat, with its exact text.</summary>
internal sealed record SseItem(string? EventType, string? Data, string Raw)
{
    public bool IsHeartbeat => EventType is null;
}
