using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary><c>/v2/deployments</c> (list, cancel with rollback, forced cancel) and <c>/v2/queue</c> (shape, delay reset).</summary>
public sealed class DeploymentsApiTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task List_PendingDeployments_MarathonShape()
    {
        Assert.Equal("[]", (await server.GetAsync("/v2/deployments")).Body);
        var created = await server.CreateAppAsync("""{"id":"/shop/web","cmd":"sleep 100","instances":2}""");

        var reply = await server.GetAsync("/v2/deployments");

        Assert.Equal(200, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        var deployment = Assert.Single(reply.Json.EnumerateArray());
        Assert.Equal(created.DeploymentId, deployment.GetProperty("id").GetString());
        Assert.Equal(created.Json.GetProperty("version").GetString(), deployment.GetProperty("version").GetString());
        Golden.Http.AssertMatches("deployments.response.json", reply.Body);
    }

    [Fact]
    public async Task Delete_WithoutForce_200RollbackDeploymentThatRestoresThePreviousConfig()
    {
        await server.CreateAppAsync("""{"id":"/web","cmd":"sleep 100","instances":2}""");
        var scaled = await server.PatchAsync("/v2/apps/web?force=true", """{"instances":5,"cmd":"sleep 200"}""");

        var reply = await server.DeleteAsync("/v2/deployments/" + scaled.DeploymentId);

        Assert.Equal(200, reply.Code);
        Assert.Equal(["deploymentId", "version"], reply.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reply.DeploymentId, reply.Json.GetProperty("deploymentId").GetString());
        Assert.NotEqual(scaled.DeploymentId, reply.DeploymentId);
        var ids = (await server.GetAsync("/v2/deployments")).Json.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(scaled.DeploymentId, ids);
        var app = (await server.GetAsync("/v2/apps/web")).Json.GetProperty("app");
        Assert.Equal(2, app.GetProperty("instances").GetInt32());
        Assert.Equal("sleep 100", app.GetProperty("cmd").GetString());
    }

    [Fact]
    public async Task Delete_WithoutForceOfACreate_RollbackRemovesTheApp()
    {
        var created = await server.CreateAppAsync("""{"id":"/web","cmd":"sleep 100","instances":2}""");

        var reply = await server.DeleteAsync("/v2/deployments/" + created.DeploymentId);

        Assert.Equal(200, reply.Code);
        Assert.Equal(404, (await server.GetAsync("/v2/apps/web")).Code);
    }

    [Fact]
    public async Task Delete_Forced_202EmptyBodyAndTheNewConfigStays()
    {
        await server.CreateAppAsync("""{"id":"/web","cmd":"sleep 100","instances":2}""");
        var scaled = await server.PatchAsync("/v2/apps/web?force=true", """{"instances":5}""");

        var reply = await server.DeleteAsync($"/v2/deployments/{scaled.DeploymentId}?force=true");

        Assert.Equal(202, reply.Code);
        Assert.Equal("", reply.Body);
        Assert.Null(reply.Header("Marathon-Deployment-Id"));
        Assert.Equal("[]", (await server.GetAsync("/v2/deployments")).Body);
        var app = (await server.GetAsync("/v2/apps/web")).Json.GetProperty("app");
        Assert.Equal(5, app.GetProperty("instances").GetInt32());
        Assert.Empty(app.GetProperty("deployments").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?force=true")]
    public async Task Delete_UnknownDeployment_404DeploymentPlanDoesNotExist(string query)
    {
        var reply = await server.DeleteAsync("/v2/deployments/97c136bf-5a28-4821-9d94-480d9fbb01c8" + query);

        Assert.Equal(404, reply.Code);
        Assert.Equal("DeploymentPlan 97c136bf-5a28-4821-9d94-480d9fbb01c8 does not exist", reply.Message);
    }

    [Fact]
    public async Task Queue_WaitingInstances_MarathonShape()
    {
        Assert.Equal("""{"queue":[]}""", (await server.GetAsync("/v2/queue")).Body);
        await server.CreateAppAsync("""{"id":"/shop/web","cmd":"sleep 100","instances":2,"cpus":0.5,"mem":64}""");

        var reply = await server.GetAsync("/v2/queue");

        Assert.Equal(200, reply.Code);
        var entry = Assert.Single(reply.Json.GetProperty("queue").EnumerateArray());
        Assert.Equal(2, entry.GetProperty("count").GetInt32());
        Assert.Equal("/shop/web", entry.GetProperty("app").GetProperty("id").GetString());
        Assert.True(entry.GetProperty("delay").GetProperty("overdue").GetBoolean());
        Golden.Http.AssertMatches("queue.response.json", reply.Body);
    }

    [Fact]
    public async Task QueueDelay_QueuedApp_204NoContent()
    {
        await server.CreateAppAsync("""{"id":"/shop/web","cmd":"sleep 100","instances":2}""");

        var reply = await server.DeleteAsync("/v2/queue/shop/web/delay");

        Assert.Equal(204, reply.Code);
        Assert.Equal("", reply.Body);
    }

    [Theory]
    [InlineData("/v2/queue/missing/delay", "Application /missing not found in tasks queue.")]
    [InlineData("/v2/queue/idle/delay", "Application /idle not found in tasks queue.")]
    public async Task QueueDelay_NothingQueued_404Message(string path, string message)
    {
        await server.CreateAppAsync("""{"id":"/idle","cmd":"sleep 100","instances":0}""");

        var reply = await server.DeleteAsync(path);

        Assert.Equal(404, reply.Code);
        Assert.Equal(message, reply.Message);
    }

    [Fact]
    public async Task QueueWithoutDelaySuffix_404Json()
    {
        await server.CreateAppAsync("""{"id":"/shop/web","cmd":"sleep 100","instances":2}""");

        var reply = await server.DeleteAsync("/v2/queue/shop/web");

        Assert.Equal(404, reply.Code);
        Assert.False(string.IsNullOrEmpty(reply.Message));
    }
}
