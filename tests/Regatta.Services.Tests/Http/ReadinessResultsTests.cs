using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// readinessCheckResults: while a deployment waits for a new task to become ready, <c>/v2/deployments</c> (current
/// actions) and <c>embed=apps.readiness</c> show the latest result of its check, with the last response when
/// <c>preserveLastResponse</c> is set; the deployment ends once the task answers ready.
/// </summary>
public sealed class ReadinessResultsTests : IAsyncLifetime
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private RunningApps cluster = null!;
    private volatile int status = 503;

    public async Task InitializeAsync()
    {
        listener.Start();
        _ = ServeAsync();
        cluster = await RunningApps.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await cluster.DisposeAsync();
        stop.Dispose();
    }

    [Fact]
    public async Task NewTaskNotReadyYet_ItsResultShows_ThenTheDeploymentEndsWhenReady()
    {
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await cluster.Server.CreateAppAsync($$"""
            {"id":"/ready/web","cmd":"sleep 1000","cpus":0.1,"mem":32,"instances":1,"requirePorts":true,
             "portDefinitions":[{"port":{{port}},"name":"http"}],
             "readinessChecks":[{"name":"warmed","protocol":"HTTP","path":"/ready","portName":"http","intervalSeconds":2,
               "timeoutSeconds":1,"httpStatusCodesForReady":[200],"preserveLastResponse":true}]}
            """);
        var launched = await cluster.LaunchAsync(("agent-r-S1", "127.0.0.1", $"cpus:1;mem:256;ports:[{port}-{port}]"));
        var taskId = Assert.Single(launched).TaskId;

        JsonElement result = default;
        await ServicesServer.EventuallyAsync(
            async () =>
            {
                var deployments = (await cluster.Server.GetAsync("/v2/deployments")).Json;
                var results = deployments.EnumerateArray().SelectMany(d => d.GetProperty("currentActions").EnumerateArray())
                    .SelectMany(a => a.GetProperty("readinessCheckResults").EnumerateArray()).ToList();
                result = results.FirstOrDefault();
                return results.Count == 1;
            },
            "the not-ready result under the deployment's current action");
        var app = (await cluster.Server.GetAsync("/v2/apps/ready/web?embed=app.readiness")).Json.GetProperty("app");

        Assert.Equal("warmed", result.GetProperty("name").GetString());
        Assert.Equal(taskId, result.GetProperty("taskId").GetString());
        Assert.False(result.GetProperty("ready").GetBoolean());
        Assert.Equal(503, result.GetProperty("lastResponse").GetProperty("status").GetInt32());
        Assert.Equal("warming up", result.GetProperty("lastResponse").GetProperty("body").GetString());
        var shown = Assert.Single(app.GetProperty("readinessCheckResults").EnumerateArray());
        Assert.Equal(taskId, shown.GetProperty("taskId").GetString());

        status = 200;
        await ServicesServer.EventuallyAsync(async () => (await cluster.Server.GetAsync("/v2/deployments")).Body == "[]", "the deployment to end once ready");
        var after = (await cluster.Server.GetAsync("/v2/apps?embed=apps.readiness")).Json.GetProperty("apps")[0];
        Assert.Empty(after.GetProperty("readinessCheckResults").EnumerateArray());
    }

    /// <summary>Answers every request with <see cref="status"/> and a short body, then closes.</summary>
    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                try
                {
                    _ = await stream.ReadAsync(buffer, stop.Token);
                    var body = status == 200 ? "ready" : "warming up";
                    var reply = $"HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), stop.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                }
            }
        }
    }
}
