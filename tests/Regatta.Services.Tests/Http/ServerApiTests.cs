using System.Text.Json;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary>/v2/info, /v2/leader, /ping, /metrics and what every response shares: cache headers, JSON errors.</summary>
public sealed class ServerApiTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Info_MarathonShape_WithThisServersLeaderAndPort()
    {
        var reply = await server.GetAsync("/v2/info");

        Assert.Equal(200, reply.Code);
        var info = reply.Json;
        Assert.Equal("marathon", info.GetProperty("name").GetString());
        Assert.Equal(ServicesHost.MarathonVersion, info.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.String, info.GetProperty("buildref").ValueKind);
        Assert.True(info.GetProperty("elected").GetBoolean());
        Assert.Equal($"127.0.0.1:{server.Port}", info.GetProperty("leader").GetString());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("frameworkId").ValueKind); // never subscribed
        var config = info.GetProperty("marathon_config");
        Assert.Equal(ServicesServer.UnreachableMaster, config.GetProperty("master").GetString());
        Assert.Equal("127.0.0.1", config.GetProperty("hostname").GetString());
        Assert.Equal("marathon", config.GetProperty("framework_name").GetString());
        Assert.Equal("*", config.GetProperty("mesos_role").GetString());
        Assert.Equal(10000, config.GetProperty("local_port_min").GetInt32());
        Assert.Equal(20000, config.GetProperty("local_port_max").GetInt32());
        Assert.Equal(server.Port, info.GetProperty("http_config").GetProperty("http_port").GetInt32());
    }

    [Fact]
    public async Task Leader_ThisServer()
    {
        var reply = await server.GetAsync("/v2/leader");

        Assert.Equal(200, reply.Code);
        Assert.Equal($$"""{"leader":"127.0.0.1:{{server.Port}}"}""", reply.Body);
    }

    [Fact]
    public async Task Ping_TextByDefault_JsonStringWhenAsked()
    {
        var text = await server.GetAsync("/ping");
        var json = await server.GetAsync("/ping", accept: "application/json");

        Assert.Equal(200, text.Code);
        Assert.Equal("text/plain", text.MediaType);
        Assert.Equal("pong", text.Body.TrimEnd('\n'));
        Assert.Equal(200, json.Code);
        Assert.Equal("application/json", json.MediaType);
        Assert.Equal("pong", json.Json.GetString());
    }

    [Fact]
    public async Task Metrics_DropwizardShapeWithGauges()
    {
        await server.CreateAppAsync("""{"id":"/web","cmd":"sleep 100","instances":2}""");

        var reply = await server.GetAsync("/metrics");

        Assert.Equal(200, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        var metrics = reply.Json;
        Assert.Equal(JsonValueKind.String, metrics.GetProperty("version").ValueKind);
        foreach (var section in new[] { "gauges", "counters", "histograms", "meters", "timers" })
        {
            Assert.Equal(JsonValueKind.Object, metrics.GetProperty(section).ValueKind);
        }

        var gauges = metrics.GetProperty("gauges");
        Assert.Equal(1, gauges.GetProperty("marathon.apps.active.gauge").GetProperty("value").GetInt64());
        Assert.Equal(1, gauges.GetProperty("marathon.deployments.active.gauge").GetProperty("value").GetInt64());
        Assert.Equal(2, gauges.GetProperty("marathon.instances.launch-queue.gauge").GetProperty("value").GetInt64());
        Assert.True(gauges.GetProperty("marathon.uptime.gauge").GetProperty("value").GetInt64() >= 0);
    }

    [Theory]
    [InlineData("GET", "/v2/apps")]
    [InlineData("GET", "/v2/apps/missing")]
    [InlineData("POST", "/v2/apps")]
    [InlineData("GET", "/v2/info")]
    [InlineData("GET", "/v2/queue")]
    [InlineData("GET", "/v2/deployments")]
    [InlineData("GET", "/ping")]
    [InlineData("GET", "/no/such/route")]
    public async Task AnyResponse_CacheDisablingHeaders(string method, string path)
    {
        var reply = await server.SendAsync(new HttpMethod(method), path, method == "POST" ? "{" : null);

        Assert.Equal("no-cache, no-store, must-revalidate", reply.Header("Cache-Control"));
        Assert.Equal("no-cache", reply.Header("Pragma"));
        Assert.Equal("0", reply.Header("Expires"));
    }

    [Theory]
    [InlineData("GET", "/v2/nothing")]
    [InlineData("GET", "/no/such/route")]
    [InlineData("GET", "/v2")]
    [InlineData("POST", "/v2/nothing/at/all")]
    [InlineData("DELETE", "/v2/tasks/x")]
    public async Task UnknownRoute_404JsonMessage(string method, string path)
    {
        var reply = await server.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(404, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        Assert.Equal("URI not found", reply.Message);
    }

    [Theory]
    [InlineData("POST", "/v2/info")]
    [InlineData("DELETE", "/v2/apps")]
    [InlineData("PUT", "/v2/deployments")]
    [InlineData("GET", "/v2/tasks/delete")]
    public async Task KnownRouteWrongMethod_405JsonMessage(string method, string path)
    {
        var reply = await server.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" ? "{}" : null);

        Assert.Equal(405, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        Assert.False(string.IsNullOrEmpty(reply.Message));
    }

    [Theory]
    [InlineData("POST", "/v2/apps")]
    [InlineData("PUT", "/v2/apps/web")]
    [InlineData("PATCH", "/v2/apps/web")]
    [InlineData("POST", "/v2/tasks/delete")]
    public async Task MalformedJson_400(string method, string path)
    {
        var reply = await server.SendAsync(new HttpMethod(method), path, "{\"id\": [1, 2");

        Assert.Equal(400, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        Assert.StartsWith("Invalid JSON", reply.Message, StringComparison.Ordinal);
    }
}
