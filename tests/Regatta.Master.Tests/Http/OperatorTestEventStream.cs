using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Regatta.Protocol;
using Regatta.Protocol.V1.Master;

namespace Regatta.Master.Tests.Http;

/// <summary>An operator SUBSCRIBE stream read record by record (JSON or protobuf), with bounded waits.</summary>
internal sealed class OperatorTestEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly WireFormat _format;
    private readonly RecordIOReader _reader = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    private OperatorTestEventStream(HttpResponseMessage response, Stream body, WireFormat format)
    {
        _response = response;
        _body = body;
        _format = format;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<OperatorTestEventStream> OpenAsync(HttpClient client, WireFormat format = WireFormat.Json)
    {
        var mediaType = format.ToMediaType();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1")
        {
            Content = format == WireFormat.Json
                ? new StringContent("""{"type":"SUBSCRIBE"}""", Encoding.UTF8)
                : new ByteArrayContent(Google.Protobuf.MessageExtensions.ToByteArray(new Call { Type = Call.Types.Type.Subscribe })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        request.Headers.Accept.ParseAdd(mediaType);
        using var timeout = new CancellationTokenSource(OperatorTestMaster.Timeout);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return new OperatorTestEventStream(response, body, format);
    }

    /// <summary>The next event, or null when the master ended the stream.</summary>
    public async Task<Event?> NextAsync()
    {
        using var timeout = new CancellationTokenSource(OperatorTestMaster.Timeout);
        while (true)
        {
            if (_reader.TryReadRecord(out var record))
            {
                return MesosCodec.Decode<Event>(record.Span, _format);
            }

            var read = await _body.ReadAsync(_buffer, timeout.Token);
            if (read == 0)
            {
                return null;
            }

            _reader.Append(_buffer.AsSpan(0, read));
        }
    }

    /// <summary>Skips events (heartbeats, unrelated changes) until one of <paramref name="type"/> arrives.</summary>
    public async Task<Event> NextOfTypeAsync(Event.Types.Type type)
    {
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < OperatorTestMaster.Timeout)
        {
            var next = await NextAsync() ?? throw new InvalidOperationException($"stream ended before {type}; saw {string.Join(",", seen)}");
            if (next.Type == type)
            {
                return next;
            }

            seen.Add(next.Type.ToString());
        }

        throw new TimeoutException($"no {type} within {OperatorTestMaster.Timeout}; saw {string.Join(",", seen)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
    }
}
