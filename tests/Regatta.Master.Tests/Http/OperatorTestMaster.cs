using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Master.Http;
using Regatta.Master.Metrics;
using Regatta.Master.Tests.Support;

namespace Regatta.Master.Tests.Http;

/// <summary>
/// A real master (<see cref="TestMaster"/>'s options, durable registry in a temp work_dir) serving the
/// operator routes, with an HTTP client pointed at it. Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class OperatorTestMaster : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Fixed machine figures so the system metrics are predictable.</summary>
    public static readonly SystemStats System = new(4, 8L << 30, 2L << 30, 0.5, 0.4, 0.3);

    private readonly DirectoryInfo _workDir;

    private OperatorTestMaster(MasterHost host, DirectoryInfo workDir)
    {
        Host = host;
        _workDir = workDir;
        Client = new HttpClient { BaseAddress = host.Endpoint, Timeout = Timeout };
    }

    public MasterHost Host { get; }

    public HttpClient Client { get; }

    public Uri Endpoint => Host.Endpoint;

    public static async Task<OperatorTestMaster> StartAsync(Func<MasterOptions, MasterOptions>? configure = null)
    {
        var workDir = Directory.CreateTempSubdirectory("regatta-operator-");
        var options = TestMaster.Options(workDir.FullName) with
        {
            Weights = new Dictionary<string, double> { ["web"] = 2 },
            Cluster = "test-cluster",
            Flags = new Dictionary<string, string> { ["port"] = "0", ["work_dir"] = workDir.FullName },
        };
        options = configure?.Invoke(options) ?? options;
        using var timeout = new CancellationTokenSource(Timeout);
        var host = await MasterHost.StartAsync(
            options,
            NullLoggerFactory.Instance,
            TimeProvider.System,
            OperatorRoutes.All(system: new FixedStats()),
            timeout.Token);
        return new OperatorTestMaster(host, workDir);
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    /// <summary>POSTs an operator call in JSON.</summary>
    public Task<HttpResponseMessage> CallAsync(string json, string? accept = "application/json", string path = "/api/v1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return Client.SendAsync(request);
    }

    /// <summary>POSTs an operator call in protobuf and asks for protobuf back.</summary>
    public Task<HttpResponseMessage> CallProtobufAsync(Regatta.Protocol.V1.Master.Call call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1")
        {
            Content = new ByteArrayContent(Google.Protobuf.MessageExtensions.ToByteArray(call)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        request.Headers.Accept.ParseAdd("application/x-protobuf");
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try
        {
            _workDir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS temp cleaner takes it.
        }
    }

    private sealed class FixedStats : ISystemStatsSource
    {
        public SystemStats Read() => System;
    }
}
