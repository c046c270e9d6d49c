using System.Text.Json;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// PUT, PATCH, DELETE, restart, rollback and versions of one app, and the lock a pending deployment holds (the
/// master is unreachable, so every deployment stays pending until it is forced aside).
/// </summary>
public sealed class AppsChangeTests : IAsyncLifetime
{
    private const string App = """{"id":"/web","cmd":"sleep 1","instances":3,"labels":{"team":"a"},"env":{"MODE":"blue"}}""";
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Put_MissingApp_Creates201WithLocationAndDeployment()
    {
        var reply = await server.PutAsync("/v2/apps/fresh", """{"cmd":"sleep 5","instances":2}""");

        Assert.Equal(201, reply.Code);
        Assert.Equal(new Uri(server.BaseAddress, "/v2/apps/fresh"), new Uri(server.BaseAddress, reply.Header("Location")));
        AssertDeploymentBody(reply);
        var app = (await server.GetAsync("/v2/apps/fresh")).Json.GetProperty("app");
        Assert.Equal("sleep 5", app.GetProperty("cmd").GetString());
        Assert.Equal(2, app.GetProperty("instances").GetInt32());
        Assert.Equal(reply.DeploymentId, app.GetProperty("deployments")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Put_ExistingApp_200PartialUpdateKeepsOtherFields()
    {
        await server.CreateAppAsync(App);

        var reply = await server.PutAsync("/v2/apps/web?force=true", """{"cmd":"sleep 2"}""");

        Assert.Equal(200, reply.Code);
        Assert.Null(reply.Header("Location"));
        AssertDeploymentBody(reply);
        var app = await AppAsync();
        Assert.Equal("sleep 2", app.GetProperty("cmd").GetString());
        Assert.Equal(3, app.GetProperty("instances").GetInt32());
        Assert.Equal("a", app.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("blue", app.GetProperty("env").GetProperty("MODE").GetString());
    }

    [Fact]
    public async Task Put_PartialUpdateFalse_ReplacesTheWholeDefinition()
    {
        await server.CreateAppAsync(App);

        var reply = await server.PutAsync("/v2/apps/web?force=true&partialUpdate=false", """{"cmd":"sleep 9"}""");

        Assert.Equal(200, reply.Code);
        var app = await AppAsync();
        Assert.Equal("/web", app.GetProperty("id").GetString());
        Assert.Equal("sleep 9", app.GetProperty("cmd").GetString());
        Assert.Equal(1, app.GetProperty("instances").GetInt32());
        Assert.False(app.TryGetProperty("labels", out var labels) && labels.EnumerateObject().Any());
        Assert.False(app.TryGetProperty("env", out var env) && env.EnumerateObject().Any());
    }

    [Fact]
    public async Task Patch_ExistingApp_200AndPatched()
    {
        await server.CreateAppAsync(App);

        var reply = await server.PatchAsync("/v2/apps/web?force=true", """{"instances":5}""");

        Assert.Equal(200, reply.Code);
        AssertDeploymentBody(reply);
        var app = await AppAsync();
        Assert.Equal(5, app.GetProperty("instances").GetInt32());
        Assert.Equal("sleep 1", app.GetProperty("cmd").GetString());
    }

    [Fact]
    public async Task Patch_MissingApp_404NeverCreates()
    {
        var reply = await server.PatchAsync("/v2/apps/missing", """{"cmd":"sleep 1"}""");

        Assert.Equal(404, reply.Code);
        Assert.Equal("App '/missing' does not exist", reply.Message);
        Assert.Equal(404, (await server.GetAsync("/v2/apps/missing")).Code);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Change_MalformedOrInvalidBody_400Or422(string method)
    {
        await server.CreateAppAsync(App);

        var malformed = await server.SendAsync(new HttpMethod(method), "/v2/apps/web?force=true", "{\"cmd\": ");
        var invalid = await server.SendAsync(new HttpMethod(method), "/v2/apps/web?force=true", """{"instances":-1}""");

        Assert.Equal(400, malformed.Code);
        Assert.Equal("Invalid JSON", malformed.Message);
        Assert.Equal(422, invalid.Code);
        Assert.Equal("sleep 1", (await AppAsync()).GetProperty("cmd").GetString());
    }

    [Fact]
    public async Task Change_WhileDeploymentPending_409LockedWithDeploymentsUntilForced()
    {
        var first = await server.CreateAppAsync(App);

        var locked = await server.PutAsync("/v2/apps/web", """{"cmd":"sleep 2"}""");

        Assert.Equal(409, locked.Code);
        Assert.Equal(
            $"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/{first.DeploymentId}'.",
            locked.Message);
        Assert.Equal(first.DeploymentId, Assert.Single(locked.Json.GetProperty("deployments").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(409, (await server.PatchAsync("/v2/apps/web", """{"instances":1}""")).Code);
        Assert.Equal(409, (await server.PostAsync("/v2/apps/web/restart")).Code);
        Assert.Equal(409, (await server.DeleteAsync("/v2/apps/web?force=false")).Code);
        Assert.Equal("sleep 1", (await AppAsync()).GetProperty("cmd").GetString());

        var forced = await server.PutAsync("/v2/apps/web?force=true", """{"cmd":"sleep 2"}""");

        Assert.Equal(200, forced.Code);
        var deployments = (await server.GetAsync("/v2/deployments")).Json.EnumerateArray().Select(d => d.GetProperty("id").GetString());
        Assert.Equal([forced.DeploymentId], deployments);
        var app = await AppAsync();
        Assert.Equal("sleep 2", app.GetProperty("cmd").GetString());
        Assert.Equal(forced.DeploymentId, Assert.Single(app.GetProperty("deployments").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Delete_ForceDefaultsToTrue_200AndTheAppAndItsVersionsAreGone()
    {
        await server.CreateAppAsync(App);

        var reply = await server.DeleteAsync("/v2/apps/web");

        Assert.Equal(200, reply.Code);
        AssertDeploymentBody(reply);
        Assert.Equal("App '/web' does not exist", (await server.GetAsync("/v2/apps/web")).Message);
        Assert.Equal(404, (await server.GetAsync("/v2/apps/web/versions")).Code);
        Assert.Empty((await server.GetAsync("/v2/apps")).Json.GetProperty("apps").EnumerateArray());
    }

    [Fact]
    public async Task Delete_MissingApp_404()
    {
        var reply = await server.DeleteAsync("/v2/apps/missing");

        Assert.Equal(404, reply.Code);
        Assert.Equal("App '/missing' does not exist", reply.Message);
    }

    [Fact]
    public async Task Restart_NewVersionSameConfig_200AndARestartDeployment()
    {
        var created = await server.CreateAppAsync(App);
        var before = await AppAsync();
        await Task.Delay(5);

        var reply = await server.PostAsync("/v2/apps/web/restart?force=true");

        Assert.Equal(200, reply.Code);
        AssertDeploymentBody(reply);
        var after = await AppAsync();
        Assert.NotEqual(before.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.Equal(reply.Json.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.Equal(before.GetProperty("cmd").GetString(), after.GetProperty("cmd").GetString());
        var deployment = Assert.Single((await server.GetAsync("/v2/deployments")).Json.EnumerateArray());
        Assert.NotEqual(created.DeploymentId, deployment.GetProperty("id").GetString());
        Assert.Contains(
            deployment.GetProperty("steps").EnumerateArray().SelectMany(s => s.GetProperty("actions").EnumerateArray()),
            a => a.GetProperty("action").GetString() == "RestartApplication" && a.GetProperty("app").GetString() == "/web");
    }

    [Fact]
    public async Task Restart_MissingApp_404()
    {
        var reply = await server.PostAsync("/v2/apps/missing/restart");

        Assert.Equal(404, reply.Code);
        Assert.Equal("App '/missing' does not exist", reply.Message);
    }

    [Fact]
    public async Task Versions_NewestFirst_EachReadableAsThePlainAppJson()
    {
        await server.CreateAppAsync(App);
        var v1 = (await AppAsync()).GetProperty("version").GetString()!;
        await Task.Delay(5);
        await server.PutAsync("/v2/apps/web?force=true", """{"cmd":"sleep 2"}""");
        var v2 = (await AppAsync()).GetProperty("version").GetString()!;

        var versions = await server.GetAsync("/v2/apps/web/versions");
        var old = await server.GetAsync("/v2/apps/web/versions/" + v1);

        Assert.Equal(200, versions.Code);
        Assert.Equal([v2, v1], versions.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(200, old.Code);
        Assert.Equal("/web", old.Json.GetProperty("id").GetString());
        Assert.Equal("sleep 1", old.Json.GetProperty("cmd").GetString());
        Assert.Equal(v1, old.Json.GetProperty("version").GetString());
        Assert.False(old.Json.TryGetProperty("tasksRunning", out _));
        Assert.False(old.Json.TryGetProperty("deployments", out _));
    }

    [Theory]
    [InlineData("2001-01-01T00:00:00.000Z")]
    [InlineData("not-a-version")]
    public async Task Versions_UnknownVersion_404InVersion(string version)
    {
        await server.CreateAppAsync(App);

        var reply = await server.GetAsync("/v2/apps/web/versions/" + version);

        Assert.Equal(404, reply.Code);
        Assert.Equal($"App '/web' does not exist in version {version}", reply.Message);
    }

    [Fact]
    public async Task Put_VersionBody_RollsBackToThatConfigAsANewVersion()
    {
        await server.CreateAppAsync(App);
        var v1 = (await AppAsync()).GetProperty("version").GetString()!;
        await Task.Delay(5);
        await server.PutAsync("/v2/apps/web?force=true", """{"cmd":"sleep 2","instances":1}""");
        await Task.Delay(5);

        var reply = await server.PutAsync("/v2/apps/web?force=true", $$"""{"version":"{{v1}}"}""");

        Assert.Equal(200, reply.Code);
        AssertDeploymentBody(reply);
        var app = await AppAsync();
        Assert.Equal("sleep 1", app.GetProperty("cmd").GetString());
        Assert.Equal(3, app.GetProperty("instances").GetInt32());
        Assert.NotEqual(v1, app.GetProperty("version").GetString());
        Assert.Equal(3, (await server.GetAsync("/v2/apps/web/versions")).Json.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Put_UnknownVersion_404AndNothingChanges()
    {
        await server.CreateAppAsync(App);

        var reply = await server.PutAsync("/v2/apps/web?force=true", """{"version":"2001-01-01T00:00:00.000Z"}""");

        Assert.Equal(404, reply.Code);
        Assert.Equal("App '/web' does not exist in version 2001-01-01T00:00:00.000Z", reply.Message);
        Assert.Single((await server.GetAsync("/v2/apps/web/versions")).Json.GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Put_VersionWithOtherFields_422()
    {
        await server.CreateAppAsync(App);
        var v1 = (await AppAsync()).GetProperty("version").GetString()!;

        var reply = await server.PutAsync("/v2/apps/web?force=true", $$"""{"version":"{{v1}}","cmd":"sleep 3"}""");

        Assert.Equal(422, reply.Code);
    }

    [Theory]
    [InlineData("GET", "/v2/apps/web/restart")]
    [InlineData("PUT", "/v2/apps/web/restart")]
    [InlineData("POST", "/v2/apps/web")]
    [InlineData("POST", "/v2/apps/web/versions")]
    public async Task ReservedSuffixes_WrongMethod_405Json(string method, string path)
    {
        await server.CreateAppAsync(App);

        var reply = await server.SendAsync(new HttpMethod(method), path, method == "GET" ? null : "{}");

        Assert.Equal(405, reply.Code);
        Assert.False(string.IsNullOrEmpty(reply.Message));
    }

    private async Task<JsonElement> AppAsync()
    {
        var reply = await server.GetAsync("/v2/apps/web");
        Assert.True(reply.Code == 200, reply.ToString());
        return reply.Json.GetProperty("app");
    }

    /// <summary><c>{"deploymentId","version"}</c> with the same id in the Marathon-Deployment-Id header.</summary>
    private static void AssertDeploymentBody(HttpReply reply)
    {
        Assert.Equal(["deploymentId", "version"], reply.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reply.DeploymentId, reply.Json.GetProperty("deploymentId").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", reply.Json.GetProperty("version").GetString()!);
    }
}
