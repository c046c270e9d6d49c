using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Tests.Support;

/// <summary>
/// A real services scheduler (<see cref="ServicesHost"/>) on 127.0.0.1 with a free port and its own work dir, and an
/// HTTP client for its REST API. The master defaults to an unreachable address: apps are stored, deployments stay
/// pending and tasks stay queued; pass a <c>FakeMaster</c>'s address for tests that need launched tasks. It can
/// restart on the same work dir to check what survives.
/// </summary>
internal sealed class ServicesServer : IAsyncDisposable
{
    public const string UnreachableMaster = "127.0.0.1:1";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string master;
    private readonly Func<ServicesOptions, ServicesOptions> configure;
    private ServicesHost host;
    private HttpClient client;

    private ServicesServer(ServicesHost host, string master, string workDir, Func<ServicesOptions, ServicesOptions> configure)
    {
        this.host = host;
        this.master = master;
        this.configure = configure;
        WorkDir = workDir;
        client = ClientFor(host);
    }

    /// <summary>Where the server listens now (the port changes on <see cref="RestartAsync"/>).</summary>
    public Uri BaseAddress => client.BaseAddress!;

    public int Port => host.BoundPort;

    public string WorkDir { get; }

    /// <param name="master">The master's host:port.</param>
    /// <param name="configure">Changes to the options the test needs (e.g. credentials); kept across restarts.</param>
    public static async Task<ServicesServer> StartAsync(string master = UnreachableMaster, Func<ServicesOptions, ServicesOptions>? configure = null)
    {
        var workDir = Path.Combine(Path.GetTempPath(), "regatta-services-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        configure ??= o => o;
        return new ServicesServer(await StartHostAsync(master, workDir, configure), master, workDir, configure);
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Reads an open event stream up to the next event of <paramref name="type"/> and returns its data.</summary>
    public static async Task<JsonNode> ReadEventDataAsync(StreamReader events, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sawType = false;
        while (await events.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == $"event: {type}")
            {
                sawType = true;
            }
            else if (sawType && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonNode.Parse(line["data: ".Length..])!;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>Stops the host and starts a new one with the same master on the same work dir.</summary>
    public async Task RestartAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        host = await StartHostAsync(master, WorkDir, configure);
        client = ClientFor(host);
    }

    public Task<HttpReply> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, accept);

    public Task<HttpReply> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpReply> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpReply> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<HttpReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A request that must answer <paramref name="status"/>; the assertion shows the body otherwise.</summary>
    public async Task<HttpReply> ExpectAsync(HttpMethod method, string path, string? body, int status)
    {
        var reply = await SendAsync(method, path, body);
        Assert.True(reply.Code == status, $"{method} {path}: expected {status}, got {reply}");
        return reply;
    }

    /// <summary>POST /v2/apps that must succeed (201).</summary>
    public async Task<HttpReply> CreateAppAsync(string json)
    {
        var reply = await PostAsync("/v2/apps", json);
        Assert.True(reply.Code == 201, reply.ToString());
        return reply;
    }

    public async Task<HttpReply> SendAsync(HttpMethod method, string path, string? body, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await SendAsync(request);
    }

    public async Task<HttpReply> SendAsync(HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpReply(response.StatusCode, text, response.Headers, response.Content.Headers);
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
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }

    private static async Task<ServicesHost> StartHostAsync(string master, string workDir, Func<ServicesOptions, ServicesOptions> configure)
    {
        var options = configure(new ServicesOptions
        {
            Master = master,
            WorkDir = workDir,
            HttpAddress = "127.0.0.1",
            HttpPort = 0,
            Hostname = "127.0.0.1",
        });
        using var timeout = new CancellationTokenSource(Patience);
        return await ServicesHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, timeout.Token);
    }

    private static HttpClient ClientFor(ServicesHost host) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{host.BoundPort}"), Timeout = Patience };
}
