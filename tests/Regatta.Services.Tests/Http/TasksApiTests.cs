using System.Text.Json.Nodes;
using Regatta.Services.Tests.Support;
using Call = Regatta.Protocol.V1.Scheduler.Call;
using TaskState = Regatta.Protocol.V1.TaskState;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// The task side of the REST API with tasks that really launched (through a fake master speaking the v1 Scheduler
/// API): /v2/tasks as JSON and text/plain, kills with and without scale, POST /v2/tasks/delete, lastTaskFailure.
/// </summary>
public sealed class TasksApiTests : IAsyncLifetime
{
    private const string AgentA = "agent-a-S1";
    private const string AgentB = "agent-b-S2";
    private RunningApps cluster = null!;
    private IReadOnlyList<(string TaskId, string AgentId)> launched = [];

    private ServicesServer Server => cluster.Server;

    public async Task InitializeAsync()
    {
        cluster = await RunningApps.StartAsync();
        await Server.CreateAppAsync(Golden.Http.Read("tasks-app.request.json"));
        // One host port per offer, so each agent takes exactly one instance and the ports are known.
        launched = await cluster.LaunchAsync(
            (AgentA, "agent-a", "cpus:1;mem:256;disk:100;ports:[31001-31001]"),
            (AgentB, "agent-b", "cpus:1;mem:256;disk:100;ports:[31002-31002]"));
        Assert.Equal(2, launched.Count);
        await cluster.SettledAsync("/shop/web", 2);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Tasks_Json_MarathonTaskObjectsWithServicePorts()
    {
        var all = await Server.GetAsync("/v2/tasks");
        var ofApp = await Server.GetAsync("/v2/apps/shop/web/tasks");

        Assert.Equal(200, all.Code);
        Assert.Equal(200, ofApp.Code);
        Golden.Http.AssertMatches("tasks.response.json", ByHost(all.Body));
        Assert.Equal(Golden.Http.Normalize(ByHost(all.Body)), Golden.Http.Normalize(ByHost(ofApp.Body)));
        Assert.Equal(launched.Select(l => l.TaskId).Order(), all.Json.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task Tasks_EmbeddedInApps_ServicePortsEmpty()
    {
        var app = (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app");

        Assert.Equal(2, app.GetProperty("tasksRunning").GetInt32());
        Assert.All(app.GetProperty("tasks").EnumerateArray(), t => Assert.Empty(t.GetProperty("servicePorts").EnumerateArray()));
    }

    [Theory]
    [InlineData("?status=running", 2)]
    [InlineData("?status=staging", 0)]
    [InlineData("?status[]=running&status[]=staging", 2)]
    [InlineData("?status=RUNNING", 2)]
    public async Task Tasks_StatusFilter(string query, int expected)
    {
        var reply = await Server.GetAsync("/v2/tasks" + query);

        Assert.Equal(expected, reply.Json.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Tasks_TextPlain_OneLinePerServicePortEveryAppSortedAddresses()
    {
        await Server.CreateAppAsync("""{"id":"/tools/noports","cmd":"sleep 100","instances":0,"portDefinitions":[]}""");
        var queued = await Server.CreateAppAsync("""{"id":"/shop/queued","cmd":"sleep 100","instances":1,"cpus":64,"portDefinitions":[{"port":0}]}""");
        var queuedPort = queued.Json.GetProperty("portDefinitions")[0].GetProperty("port").GetInt32();

        var all = await Server.GetAsync("/v2/tasks", accept: "text/plain");
        var ofApp = await Server.GetAsync("/v2/apps/shop/web/tasks", accept: "text/plain");

        Assert.Equal(200, all.Code);
        Assert.Equal("text/plain", all.MediaType);
        Assert.Equal(
            $"shop_queued\t{queuedPort}\t\n" +
            "shop_web\t10000\tagent-a:31001\tagent-b:31002\t\n" +
            "tools_noports\t \t\n",
            all.Body);
        Assert.Equal("text/plain", ofApp.MediaType);
        Assert.Equal("shop_web\t10000\tagent-a:31001\tagent-b:31002\t\n", ofApp.Body);
    }

    [Fact]
    public async Task KillOne_WithoutScale_TaskAnsweredKillSentAndAReplacementQueued()
    {
        var (taskId, agentId) = launched[0];

        var reply = await Server.DeleteAsync($"/v2/apps/shop/web/tasks/{taskId}");

        Assert.Equal(200, reply.Code);
        Assert.Equal(taskId, reply.Json.GetProperty("task").GetProperty("id").GetString());
        var kill = await cluster.Master.NextCallAsync(Call.Types.Type.Kill);
        Assert.Equal(taskId, kill.Kill.TaskId.Value);
        cluster.Master.Update(taskId, agentId, TaskState.TaskKilled);
        await ServicesServer.EventuallyAsync(
            async () => (await Server.GetAsync("/v2/queue")).Json.GetProperty("queue").EnumerateArray()
                .Any(q => q.GetProperty("app").GetProperty("id").GetString() == "/shop/web" && q.GetProperty("count").GetInt32() == 1),
            "a replacement in the queue");
        Assert.Equal(2, (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task KillOne_WithScale_DeploymentAnsweredAndInstancesDrop()
    {
        var (taskId, _) = launched[1];

        var reply = await Server.DeleteAsync($"/v2/apps/shop/web/tasks/{taskId}?scale=true");

        Assert.Equal(200, reply.Code);
        Assert.Equal(["deploymentId", "version"], reply.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(reply.DeploymentId, reply.Json.GetProperty("deploymentId").GetString());
        Assert.Equal(1, (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").GetProperty("instances").GetInt32());
        Assert.Equal(taskId, (await cluster.Master.NextCallAsync(Call.Types.Type.Kill)).Kill.TaskId.Value);
    }

    [Fact]
    public async Task KillByHost_OnlyThatAgentsTasks()
    {
        var reply = await Server.DeleteAsync("/v2/apps/shop/web/tasks?host=agent-b");

        Assert.Equal(200, reply.Code);
        var task = Assert.Single(reply.Json.GetProperty("tasks").EnumerateArray());
        Assert.Equal("agent-b", task.GetProperty("host").GetString());
        Assert.Equal(launched.Single(l => l.AgentId == AgentB).TaskId, (await cluster.Master.NextCallAsync(Call.Types.Type.Kill)).Kill.TaskId.Value);
    }

    [Fact]
    public async Task KillOne_UnknownTask_404TaskDoesNotExist()
    {
        const string unknown = "shop_web.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002._app.1";

        var reply = await Server.DeleteAsync($"/v2/apps/shop/web/tasks/{unknown}");

        Assert.Equal(404, reply.Code);
        Assert.Equal($"Task '{unknown}' does not exist", reply.Message);
    }

    [Theory]
    [InlineData("DELETE", "/v2/apps/shop/web/tasks?scale=true&wipe=true")]
    [InlineData("POST", "/v2/tasks/delete?scale=true&wipe=true")]
    public async Task Kill_ScaleAndWipe_400(string method, string path)
    {
        var body = method == "POST" ? $$"""{"ids":["{{launched[0].TaskId}}"]}""" : null;

        var reply = await Server.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(400, reply.Code);
        Assert.Equal("You cannot use scale and wipe at the same time.", reply.Message);
        Assert.DoesNotContain(cluster.Master.Calls, c => c.Type == Call.Types.Type.Kill);
    }

    [Fact]
    public async Task TasksDelete_BadId_400InvalidTaskId()
    {
        var reply = await Server.PostAsync("/v2/tasks/delete", $$"""{"ids":["{{launched[0].TaskId}}","garbage"]}""");

        Assert.Equal(400, reply.Code);
        Assert.StartsWith("Invalid task id 'garbage'.", reply.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Master.Calls, c => c.Type == Call.Types.Type.Kill);
    }

    [Fact]
    public async Task TasksDelete_KnownAndUnknownIds_KillsTheKnownIgnoresTheRest()
    {
        var ids = new JsonArray(launched[0].TaskId, "shop_web.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002._app.1");

        var reply = await Server.PostAsync("/v2/tasks/delete", new JsonObject { ["ids"] = ids }.ToJsonString());

        Assert.Equal(200, reply.Code);
        Assert.Equal(launched[0].TaskId, Assert.Single(reply.Json.GetProperty("tasks").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(launched[0].TaskId, (await cluster.Master.NextCallAsync(Call.Types.Type.Kill)).Kill.TaskId.Value);
    }

    [Fact]
    public async Task TasksDelete_WithScale_DeploymentAnswered()
    {
        var reply = await Server.PostAsync("/v2/tasks/delete?scale=true", $$"""{"ids":["{{launched[0].TaskId}}"]}""");

        Assert.Equal(200, reply.Code);
        Assert.Equal(reply.DeploymentId, reply.Json.GetProperty("deploymentId").GetString());
        Assert.Equal(1, (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").GetProperty("instances").GetInt32());
    }

    [Fact]
    public async Task FailedTask_LastTaskFailureOnTheApp()
    {
        var (taskId, agentId) = launched[0];

        cluster.Master.Update(taskId, agentId, TaskState.TaskFailed, "Command exited with status 1");
        await ServicesServer.EventuallyAsync(
            async () => (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").TryGetProperty("lastTaskFailure", out _),
            "lastTaskFailure");

        var failure = (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").GetProperty("lastTaskFailure");
        Assert.Equal("/shop/web", failure.GetProperty("appId").GetString());
        Assert.Equal("agent-a", failure.GetProperty("host").GetString());
        Assert.Equal("Command exited with status 1", failure.GetProperty("message").GetString());
        Assert.Equal("TASK_FAILED", failure.GetProperty("state").GetString());
        Assert.Equal(taskId, failure.GetProperty("taskId").GetString());
        Assert.Equal(agentId, failure.GetProperty("slaveId").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", failure.GetProperty("timestamp").GetString()!);
        var version = (await Server.GetAsync("/v2/apps/shop/web")).Json.GetProperty("app").GetProperty("version").GetString();
        Assert.Equal(version, failure.GetProperty("version").GetString());
        var listed = (await Server.GetAsync("/v2/apps?embed=apps.lastTaskFailure")).Json.GetProperty("apps")[0];
        Assert.Equal(taskId, listed.GetProperty("lastTaskFailure").GetProperty("taskId").GetString());
        Assert.False((await Server.GetAsync("/v2/apps")).Json.GetProperty("apps")[0].TryGetProperty("lastTaskFailure", out _));
    }

    [Fact]
    public async Task Queue_OfferThatDoesNotFit_SummarizedWithTheReason()
    {
        await Server.CreateAppAsync("""{"id":"/big","cmd":"sleep 100","cpus":8,"mem":64,"portDefinitions":[]}""");

        var offerId = cluster.Master.Offer("agent-c-S3", "agent-c", "cpus:1;mem:1024;disk:100");
        await cluster.Master.NextCallAsync(Call.Types.Type.Decline, c => c.Decline.OfferIds.Any(o => o.Value == offerId));
        var smallMemory = cluster.Master.Offer("agent-d-S4", "agent-d", "cpus:16;mem:32;disk:100");
        await cluster.Master.NextCallAsync(Call.Types.Type.Decline, c => c.Decline.OfferIds.Any(o => o.Value == smallMemory));

        var entry = Assert.Single((await Server.GetAsync("/v2/queue")).Json.GetProperty("queue").EnumerateArray());
        Assert.Equal("/big", entry.GetProperty("app").GetProperty("id").GetString());
        var summary = entry.GetProperty("processedOffersSummary");
        Assert.Equal(2, summary.GetProperty("processedOffersCount").GetInt32());
        Assert.Equal(2, summary.GetProperty("unusedOffersCount").GetInt32());
        Assert.True(summary.TryGetProperty("lastUnusedOfferAt", out _));
        Assert.False(summary.TryGetProperty("lastUsedOfferAt", out _));
        foreach (var property in new[] { "rejectSummaryLastOffers", "rejectSummaryLaunchAttempt" })
        {
            var rows = summary.GetProperty(property).EnumerateArray().ToDictionary(r => r.GetProperty("reason").GetString()!);
            Assert.Equal((1, 2), (rows["InsufficientCpus"].GetProperty("declined").GetInt32(), rows["InsufficientCpus"].GetProperty("processed").GetInt32()));
            Assert.Equal((1, 1), (rows["InsufficientMemory"].GetProperty("declined").GetInt32(), rows["InsufficientMemory"].GetProperty("processed").GetInt32()));
        }

        Assert.NotEmpty(entry.GetProperty("lastUnusedOfferReasons").EnumerateArray());
    }

    /// <summary>The <c>{"tasks":[…]}</c> body with the tasks ordered by host (their ids are random).</summary>
    private static string ByHost(string body)
    {
        var tasks = JsonNode.Parse(body)!["tasks"]!.AsArray().Select(t => t!.DeepClone()).OrderBy(t => (string?)t["host"], StringComparer.Ordinal);
        return new JsonObject { ["tasks"] = new JsonArray([.. tasks]) }.ToJsonString();
    }
}
