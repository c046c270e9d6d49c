using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

using Task = System.Threading.Tasks.Task;

namespace Regatta.Cli.Bench;

/// <summary>A <c>status_update_event</c> as the benchmark sees it, stamped (Stopwatch ticks) when its frame was read.</summary>
internal readonly record struct ObservedStatus(string AppId, string TaskId, string State, long ReceivedAt);

/// <summary>
/// A client of the services scheduler's <c>/v2/events</c> stream (server-sent events), filtered to
/// <c>status_update_event</c>: every update goes to a callback on the reading task as soon as its frame is complete.
/// </summary>
internal sealed class MarathonEventStream : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop;

    private MarathonEventStream(HttpClient http, HttpResponseMessage response, CancellationTokenSource stop, Task completion)
    {
        this.http = http;
        this.response = response;
        this.stop = stop;
        Completion = completion;
    }

    /// <summary>Ends when the stream ends (the server dropped us, e.g. as a slow consumer) or faults.</summary>
    public Task Completion { get; }

    /// <summary>Opens the stream; once this returns the server has subscribed it, so no later update is missed.</summary>
    public static async Task<MarathonEventStream> OpenAsync(Uri services, Action<ObservedStatus> onUpdate, CancellationToken cancellationToken)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(services, "/v2/events?event_type=status_update_event"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var completion = Task.Run(() => ReadAsync(body, onUpdate, stop.Token), CancellationToken.None);
            return new MarathonEventStream(http, response, stop, completion);
        }
        catch
        {
            http.Dispose();
            stop.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        response.Dispose();
        await Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        http.Dispose();
        stop.Dispose();
    }

    private static async Task ReadAsync(Stream body, Action<ObservedStatus> onUpdate, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        string? eventType = null;
        var data = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventType = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line[6..]);
                }
                else if (line.Length == 0 && data.Count > 0)
                {
                    if (eventType == "status_update_event")
                    {
                        var json = JsonDocument.Parse(string.Join('\n', data)).RootElement;
                        onUpdate(new ObservedStatus(
                            json.GetProperty("appId").GetString() ?? "",
                            json.GetProperty("taskId").GetString() ?? "",
                            json.GetProperty("taskStatus").GetString() ?? "",
                            Stopwatch.GetTimestamp()));
                    }

                    eventType = null;
                    data.Clear();
                }
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closed by DisposeAsync.
        }
    }
}
