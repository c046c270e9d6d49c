using System.Text.Json;
using Regatta.Services.Tests.Support;
using TaskState = Regatta.Protocol.V1.TaskState;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// <c>GET /v2/apps</c> renders each AppInfo once and reuses it while nothing it shows changed: what it answers must stay
/// what <c>GET /v2/apps/{id}</c> (rendered afresh every time) answers, before and after tasks change.
/// </summary>
public sealed class AppListingCacheTests : IAsyncLifetime
{
    private const string Agent = "agent-a-S1";
    private const string ListAll = "/v2/apps?embed=apps.tasks&embed=apps.lastTaskFailure";
    private RunningApps cluster = null!;
    private IReadOnlyList<(string TaskId, string AgentId)> launched = [];

    private ServicesServer Server => cluster.Server;

    public async Task InitializeAsync()
    {
        cluster = await RunningApps.StartAsync();
        await Server.CreateAppAsync("""{"id":"/cache/web","cmd":"sleep 1000","cpus":0.1,"mem":32,"instances":2}""");
        await Server.CreateAppAsync("""{"id":"/cache/idle","cmd":"sleep 1000","cpus":0.1,"mem":32,"instances":0}""");
        launched = await cluster.LaunchAsync((Agent, "agent-a", "cpus:4;mem:1024;disk:100;ports:[31000-31010]"));
        Assert.Equal(2, launched.Count);
        await cluster.SettledAsync("/cache/web", 2);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task List_Repeated_SameBodyAndEachAppAsItsOwnEndpointShowsIt()
    {
        var first = await Server.GetAsync(ListAll);
        var second = await Server.GetAsync(ListAll);

        Assert.Equal(200, first.Code);
        Assert.Equal("application/json", first.MediaType);
        Assert.Equal(first.Body, second.Body);
        await AssertListedAsOwnEndpointAsync(first);
    }

    [Fact]
    public async Task List_TaskFailsAfterListing_ShowsTheChange()
    {
        var before = await Server.GetAsync(ListAll);
        Assert.Equal(2, App(before, "/cache/web").GetProperty("tasks").GetArrayLength());

        cluster.Master.Update(launched[0].TaskId, Agent, TaskState.TaskFailed, "boom");
        await ServicesServer.EventuallyAsync(
            async () => App(await Server.GetAsync(ListAll), "/cache/web").TryGetProperty("lastTaskFailure", out _),
            "the listing to show the failure");

        var after = await Server.GetAsync(ListAll);
        var web = App(after, "/cache/web");
        Assert.Equal("boom", web.GetProperty("lastTaskFailure").GetProperty("message").GetString());
        Assert.DoesNotContain(launched[0].TaskId, web.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        await AssertListedAsOwnEndpointAsync(after);
    }

    [Fact]
    public async Task List_WithAndWithoutTasks_EachEmbedRenderedForItself()
    {
        var withTasks = await Server.GetAsync("/v2/apps?embed=apps.tasks");
        var without = await Server.GetAsync("/v2/apps");
        var withTasksAgain = await Server.GetAsync("/v2/apps?embed=apps.tasks");

        Assert.True(App(withTasks, "/cache/web").TryGetProperty("tasks", out _));
        Assert.False(App(without, "/cache/web").TryGetProperty("tasks", out _));
        Assert.Equal(withTasks.Body, withTasksAgain.Body);
    }

    [Fact]
    public async Task List_RightAfterAChangeIsAnswered_ShowsIt_WithoutWaiting()
    {
        var before = await Server.GetAsync("/v2/apps");
        Assert.Equal(0, App(before, "/cache/idle").GetProperty("instances").GetInt32());

        await Server.ExpectAsync(HttpMethod.Put, "/v2/apps/cache/idle", """{"instances":3}""", 200);
        var after = await Server.GetAsync("/v2/apps");
        await Server.ExpectAsync(HttpMethod.Put, "/v2/apps/cache/idle?force=true", """{"labels":{"tier":"cold"}}""", 200);
        var relabelled = await Server.GetAsync("/v2/apps?label=tier==cold");

        Assert.Equal(3, App(after, "/cache/idle").GetProperty("instances").GetInt32());
        Assert.Equal("/cache/idle", Assert.Single(relabelled.Json.GetProperty("apps").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_HealthResultsChangeOutsideTheLoop_TheListingFollowsThem()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        await Server.CreateAppAsync($$"""
            {"id":"/cache/checked","cmd":"sleep 1000","cpus":0.1,"mem":32,"instances":1,"requirePorts":true,
             "portDefinitions":[{"port":{{port}}}],
             "healthChecks":[{"protocol":"TCP","portIndex":0,"gracePeriodSeconds":5,"intervalSeconds":1,"timeoutSeconds":1}]}
            """);
        await cluster.LaunchAsync(("agent-h-S1", "127.0.0.1", $"cpus:1;mem:256;ports:[{port}-{port}]"));

        string? LastSuccess(HttpReply listing) =>
            App(listing, "/cache/checked").GetProperty("tasks").EnumerateArray().Single()
                .GetProperty("healthCheckResults").EnumerateArray().SingleOrDefault() is { ValueKind: JsonValueKind.Object } result
                && result.TryGetProperty("lastSuccess", out var at) ? at.GetString() : null;

        string? first = null;
        await ServicesServer.EventuallyAsync(async () => (first = LastSuccess(await Server.GetAsync("/v2/apps?embed=apps.tasks"))) is not null, "a first health result");
        await ServicesServer.EventuallyAsync(
            async () => LastSuccess(await Server.GetAsync("/v2/apps?embed=apps.tasks")) is { } later && string.CompareOrdinal(later, first) > 0,
            "a later successful check to show in the listing");
        listener.Stop();
        await ServicesServer.EventuallyAsync(
            async () => App(await Server.GetAsync("/v2/apps?embed=apps.tasks"), "/cache/checked").GetProperty("tasks").EnumerateArray().Single()
                .GetProperty("healthCheckResults")[0].TryGetProperty("lastFailure", out var failure) && failure.ValueKind == JsonValueKind.String,
            "the failing check to show in the listing");
    }

    private async Task AssertListedAsOwnEndpointAsync(HttpReply listing)
    {
        foreach (var app in listing.Json.GetProperty("apps").EnumerateArray())
        {
            var id = app.GetProperty("id").GetString();
            var own = (await Server.GetAsync("/v2/apps" + id)).Json.GetProperty("app");
            Assert.Equal(JsonSerializer.Serialize(own), JsonSerializer.Serialize(app));
        }
    }

    private static JsonElement App(HttpReply listing, string id) =>
        listing.Json.GetProperty("apps").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
}
