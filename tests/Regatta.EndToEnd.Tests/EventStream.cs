using System.Text.Json;

namespace Regatta.EndToEnd.Tests;

/// <summary>A client of <c>/v2/events</c>: reads <c>event:</c>/<c>data:</c> blocks as a browser's EventSource would.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(Uri servicesUrl)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(servicesUrl, "/v2/events"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var stream = new EventStream(http, response, reader);
        await stream.ReadUntilAsync(e => e.Type == "event_stream_attached", TimeSpan.FromSeconds(10));
        return stream;
    }

    /// <summary>Reads events until one matches; fails the test when none does in time.</summary>
    public async Task<ServerEvent> ReadUntilAsync(Func<ServerEvent, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        string? type = null;
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(cts.Token) ?? throw new IOException("the event stream ended");
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
                {
                    var e = new ServerEvent(type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                    seen.Add(type);
                    if (match(e))
                    {
                        return e;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching event within {timeout}; saw {string.Join(", ", seen)}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed record ServerEvent(string Type, JsonElement Data);
