using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Tests.Groups;

/// <summary>
/// A real <see cref="ServicesHost"/> on 127.0.0.1 (free port, own work dir, unreachable master: apps are stored,
/// deployments of apps with instances stay pending) and a client for the groups tests. It can restart on the same
/// work dir to check what survives.
/// </summary>
internal sealed class GroupsServer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string workDir;
    private ServicesHost host;
    private HttpClient client;

    private GroupsServer(ServicesHost host, string workDir)
    {
        this.host = host;
        this.workDir = workDir;
        client = ClientFor(host);
    }

    public static async Task<GroupsServer> StartAsync()
    {
        var workDir = Path.Combine(Path.GetTempPath(), "regatta-groups-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        return new GroupsServer(await StartHostAsync(workDir), workDir);
    }

    /// <summary>Stops the host and starts a new one on the same work dir.</summary>
    public async Task RestartAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        host = await StartHostAsync(workDir);
        client = ClientFor(host);
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Reply> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Reply> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Reply> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A request that must answer <paramref name="status"/>; the assertion shows the body otherwise.</summary>
    public async Task<Reply> ExpectAsync(HttpMethod method, string path, string? body, int status)
    {
        var reply = await SendAsync(method, path, body);
        Assert.True(reply.Status == status, $"{method} {path}: expected {status}, got {reply.Status} {reply.Body}");
        return reply;
    }

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, text, headers);
    }

    /// <summary>An open <c>/v2/events</c> stream, read line by line.</summary>
    public async Task<StreamReader> OpenEventsAsync(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/events" + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        try
        {
            Directory.Delete(workDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }

    private static async Task<ServicesHost> StartHostAsync(string workDir)
    {
        var options = new ServicesOptions { Master = "127.0.0.1:1", WorkDir = workDir, HttpAddress = "127.0.0.1", HttpPort = 0 };
        using var timeout = new CancellationTokenSource(Patience);
        return await ServicesHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, timeout.Token);
    }

    private static HttpClient ClientFor(ServicesHost host) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{host.BoundPort}"), Timeout = Patience };
}

/// <summary>One answer: status, body and headers (names case-insensitive).</summary>
internal sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
