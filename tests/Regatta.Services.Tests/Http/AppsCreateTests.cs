using System.Text.Json;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary><c>POST /v2/apps</c> against a real server (master unreachable, so deployments stay pending).</summary>
public sealed class AppsCreateTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Post_App_201WithLocationDeploymentHeaderAndAppInfoBody()
    {
        var reply = await server.PostAsync("/v2/apps", Golden.Http.Read("web.request.json"));

        Assert.Equal(201, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        var location = new Uri(server.BaseAddress, reply.Header("Location"));
        Assert.Equal(new Uri(server.BaseAddress, "/v2/apps/shop/web"), location);
        var deployments = reply.Json.GetProperty("deployments");
        Assert.Equal(reply.DeploymentId, Assert.Single(deployments.EnumerateArray()).GetProperty("id").GetString());
        Assert.True(Guid.TryParse(reply.DeploymentId, out _), reply.DeploymentId);
        foreach (var count in new[] { "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy" })
        {
            Assert.Equal(0, reply.Json.GetProperty(count).GetInt32());
        }

        Golden.Http.AssertMatches("web.create.response.json", reply.Body);
    }

    [Fact]
    public async Task Post_Legacy14BridgeForm_AnsweredAndStoredInThe15NetworkingShape()
    {
        var created = await server.CreateAppAsync(Golden.Http.Read("legacy-1.4-bridge.request.json"));
        var fetched = await server.GetAsync("/v2/apps/legacy/bridge");

        Golden.Http.AssertMatches("legacy-1.4-bridge.create.response.json", created.Body);
        Golden.Http.AssertMatches("legacy-1.4-bridge.get.response.json", fetched.Body);
        foreach (var app in new[] { created.Json, fetched.Json.GetProperty("app") })
        {
            Assert.False(app.TryGetProperty("ports", out _));
            Assert.False(app.TryGetProperty("uris", out _));
            Assert.False(app.TryGetProperty("ipAddress", out _));
            var docker = app.GetProperty("container").GetProperty("docker");
            Assert.False(docker.TryGetProperty("network", out _));
            Assert.False(docker.TryGetProperty("portMappings", out _));
            Assert.Equal("container/bridge", Assert.Single(app.GetProperty("networks").EnumerateArray()).GetProperty("mode").GetString());
            var mapping = Assert.Single(app.GetProperty("container").GetProperty("portMappings").EnumerateArray());
            Assert.Equal(80, mapping.GetProperty("containerPort").GetInt32());
            Assert.Equal("https://example.com/site.tar.gz", Assert.Single(app.GetProperty("fetch").EnumerateArray()).GetProperty("uri").GetString());
        }
    }

    [Fact]
    public async Task Post_ServicePortZero_AssignedFromTheRangeAndUniqueAcrossApps()
    {
        var first = await server.CreateAppAsync("""{"id":"/a","cmd":"sleep 1","portDefinitions":[{"port":0}]}""");
        var second = await server.CreateAppAsync("""{"id":"/b","cmd":"sleep 1","portDefinitions":[{"port":0},{"port":0}]}""");

        var ports = new[] { first, second }
            .SelectMany(r => r.Json.GetProperty("portDefinitions").EnumerateArray())
            .Select(p => p.GetProperty("port").GetInt32()).ToList();
        Assert.All(ports, p => Assert.InRange(p, 10000, 20000));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public async Task Post_ExistingId_409AlreadyExists()
    {
        await server.CreateAppAsync("""{"id":"/dup","cmd":"sleep 1"}""");

        var reply = await server.PostAsync("/v2/apps", """{"id":"dup","cmd":"sleep 2"}""");

        Assert.Equal(409, reply.Code);
        Assert.Equal("An app with id [/dup] already exists.", reply.Message);
        Assert.Null(reply.Header("Marathon-Deployment-Id"));
    }

    [Fact]
    public async Task Post_MalformedJson_400InvalidJsonWithParserMessageAsDetails()
    {
        var reply = await server.PostAsync("/v2/apps", """{"id": "/x", "cmd": """);

        Assert.Equal(400, reply.Code);
        Assert.Equal("Invalid JSON", reply.Message);
        Assert.Equal(JsonValueKind.String, reply.Json.GetProperty("details").ValueKind);
        Assert.NotEmpty(reply.Json.GetProperty("details").GetString()!);
    }

    [Fact]
    public async Task Post_EmptyBody_400InvalidJson()
    {
        var reply = await server.PostAsync("/v2/apps", "");

        Assert.Equal(400, reply.Code);
        Assert.Equal("Invalid JSON", reply.Message);
    }

    [Fact]
    public async Task Post_WrongJsonType_422InvalidJsonWithPathDetails()
    {
        var reply = await server.PostAsync("/v2/apps", """{"id":"/x","cmd":"sleep 1","instances":"two"}""");

        Assert.Equal(422, reply.Code);
        Golden.Http.AssertMatches("wrong-type.response.json", reply.Body);
    }

    [Fact]
    public async Task Post_RuleBroken_422ObjectIsNotValid()
    {
        var reply = await server.PostAsync("/v2/apps", """{"id":"/x","cmd":"sleep 1","upgradeStrategy":{"minimumHealthCapacity":1.5}}""");

        Assert.Equal(422, reply.Code);
        Assert.Equal("Object is not valid", reply.Message);
        var detail = Assert.Single(reply.Json.GetProperty("details").EnumerateArray());
        Assert.Equal("/upgradeStrategy/minimumHealthCapacity", detail.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/web/restart")]
    [InlineData("/web/tasks")]
    [InlineData("/web/versions")]
    public async Task Post_IdEndingInReservedWord_422(string id)
    {
        var reply = await server.PostAsync("/v2/apps", $$"""{"id":"{{id}}","cmd":"sleep 1"}""");

        Assert.Equal(422, reply.Code);
        Assert.Equal("/id", reply.Json.GetProperty("details")[0].GetProperty("path").GetString());
        Assert.Empty((await server.GetAsync("/v2/apps")).Json.GetProperty("apps").EnumerateArray());
    }

    [Fact]
    public async Task Post_IdOfAnExistingGroup_409()
    {
        await server.CreateAppAsync("""{"id":"/prod/web","cmd":"sleep 1"}""");

        var reply = await server.PostAsync("/v2/apps", """{"id":"/prod","cmd":"sleep 1"}""");

        Assert.Equal(409, reply.Code);
        Assert.Contains("/prod", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_413WithMessage()
    {
        // As curl sends a large body: Expect: 100-continue, so the refusal arrives before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/apps")
        {
            Content = new StringContent($$"""{"id":"/big","cmd":"{{new string('x', 5 << 20)}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        var reply = await server.SendAsync(request);

        Assert.Equal(413, reply.Code);
        Assert.False(string.IsNullOrEmpty(reply.Message));
        Assert.Equal(404, (await server.GetAsync("/v2/apps/big")).Code);
    }
}
