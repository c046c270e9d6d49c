using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// A real services scheduler (<see cref="ServicesHost"/>) on 127.0.0.1 with a free port and its own work dir, and an
/// HTTP client for its REST API. The master defaults to an unreachable address: apps are stored, deployments stay
/// pending and tasks stay queued; pass a <see cref="FakeMaster"/>'s address for tests that need launched tasks.
/// </summary>
internal sealed class ServicesServer : IAsyncDisposable
{
    public const string UnreachableMaster = "127.0.0.1:1";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ServicesHost host;

    private ServicesServer(ServicesHost host, string workDir)
    {
        this.host = host;
        WorkDir = workDir;
        BaseAddress = new Uri($"http://127.0.0.1:{host.BoundPort}");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = Patience };
    }

    public Uri BaseAddress { get; }

    public int Port => host.BoundPort;

    public string WorkDir { get; }

    public HttpClient Client { get; }

    public static async Task<ServicesServer> StartAsync(string master = UnreachableMaster)
    {
        var workDir = Path.Combine(Path.GetTempPath(), "regatta-http-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        var options = new ServicesOptions
        {
            Master = master,
            WorkDir = workDir,
            HttpAddress = "127.0.0.1",
            HttpPort = 0,
            Hostname = "127.0.0.1",
        };
        using var timeout = new CancellationTokenSource(Patience);
        var host = await ServicesHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, timeout.Token);
        return new ServicesServer(host, workDir);
    }

    public Task<HttpReply> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, accept);

    public Task<HttpReply> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpReply> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpReply> PatchAsync(string path, string body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<HttpReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

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
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpReply(response.StatusCode, text, response.Headers, response.Content.Headers);
    }

    /// <summary>POST /v2/apps that must succeed (201).</summary>
    public async Task<HttpReply> CreateAppAsync(string json)
    {
        var reply = await PostAsync("/v2/apps", json);
        Assert.True(reply.Code == 201, reply.ToString());
        return reply;
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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
}
