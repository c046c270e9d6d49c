using System.Net;
using System.Text;
using System.Text.Json;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class LegacyRoutesTests
{
    [Fact]
    public async Task State_AgentAndRunningTask_RendersMesosShape()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);

        using var json = await cluster.Master.GetJsonAsync("/master/state");

        var root = json.RootElement;
        Assert.Equal(
            [
                "version", "build_date", "build_time", "build_user", "start_time", "elected_time", "id", "pid", "hostname",
                "capabilities", "activated_slaves", "deactivated_slaves", "unreachable_slaves", "leader", "leader_info",
                "cluster", "flags", "slaves", "recovered_slaves", "frameworks", "completed_frameworks", "orphan_tasks",
                "unregistered_frameworks",
            ],
            Keys(root));
        Assert.Equal("1.11.0", root.GetProperty("version").GetString());
        Assert.Equal(cluster.Master.Host.MasterId, root.GetProperty("id").GetString());
        Assert.Equal("test-cluster", root.GetProperty("cluster").GetString());
        Assert.Equal(1, root.GetProperty("activated_slaves").GetDouble());
        Assert.Equal(["AGENT_UPDATE"], root.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var slave = Assert.Single(root.GetProperty("slaves").EnumerateArray());
        Assert.Equal(cluster.Agent.AgentId, slave.GetProperty("id").GetString());
        Assert.Equal("fake-agent", slave.GetProperty("hostname").GetString());
        Assert.StartsWith("slave(1)@", slave.GetProperty("pid").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, slave.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal("[31000-31010]", slave.GetProperty("resources").GetProperty("ports").GetString());
        Assert.Equal(0.5, slave.GetProperty("used_resources").GetProperty("cpus").GetDouble());
        Assert.True(slave.GetProperty("active").GetBoolean());

        var framework = Assert.Single(root.GetProperty("frameworks").EnumerateArray());
        Assert.Equal(cluster.FrameworkId, framework.GetProperty("id").GetString());
        Assert.Equal(["*"], framework.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["MULTI_ROLE"], framework.GetProperty("capabilities").EnumerateArray().Select(r => r.GetString()));
        var task = Assert.Single(framework.GetProperty("tasks").EnumerateArray());
        Assert.Equal("task-1", task.GetProperty("id").GetString());
        Assert.Equal("TASK_RUNNING", task.GetProperty("state").GetString());
        Assert.Equal(cluster.Agent.AgentId, task.GetProperty("slave_id").GetString());
        Assert.Equal("*", task.GetProperty("role").GetString());
        Assert.Equal(64, task.GetProperty("resources").GetProperty("mem").GetDouble());
        Assert.Equal(1000, task.GetProperty("statuses")[0].GetProperty("timestamp").GetDouble());
    }

    [Theory]
    [InlineData("/master/state")]
    [InlineData("/state")]
    [InlineData("/master/state.json")]
    [InlineData("/state.json")]
    [InlineData("/master/state-summary")]
    [InlineData("/state-summary.json")]
    [InlineData("/master/frameworks")]
    [InlineData("/frameworks.json")]
    [InlineData("/master/slaves")]
    [InlineData("/slaves")]
    [InlineData("/master/tasks.json")]
    [InlineData("/tasks")]
    [InlineData("/master/roles")]
    [InlineData("/roles.json")]
    [InlineData("/master/flags")]
    [InlineData("/flags")]
    [InlineData("/master/weights")]
    [InlineData("/version")]
    [InlineData("/metrics/snapshot")]
    public async Task Get_EveryPathAndAlias_AnswersJson(string path)
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var json = await master.GetJsonAsync(path);

        Assert.NotEqual(JsonValueKind.Undefined, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task State_Jsonp_WrapsInCallbackAsJavaScript()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.Client.GetAsync("/master/state?jsonp=angular.callbacks._0");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("angular.callbacks._0({", body, StringComparison.Ordinal);
        Assert.EndsWith("});", body, StringComparison.Ordinal);
        using var inner = JsonDocument.Parse(body["angular.callbacks._0(".Length..^2]);
        Assert.Equal(master.Host.MasterId, inner.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task State_JsonpWithScript_Rejected()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.Client.GetAsync("/master/state?jsonp=alert(1)%3Bx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'jsonp'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_PagingAndOrder_FollowFirstStatusTime()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 3);

        async Task<string[]> TaskIdsAsync(string query)
        {
            using var json = await cluster.Master.GetJsonAsync("/master/tasks" + query);
            return [.. json.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];
        }

        Assert.Equal(["task-3", "task-2", "task-1"], await TaskIdsAsync(string.Empty));
        Assert.Equal(["task-1", "task-2", "task-3"], await TaskIdsAsync("?order=asc"));
        Assert.Equal(["task-2"], await TaskIdsAsync("?order=asc&offset=1&limit=1"));
        Assert.Equal(["task-2"], await TaskIdsAsync($"?framework_id={cluster.FrameworkId}&task_id=task-2"));
        Assert.Empty(await TaskIdsAsync("?framework_id=nope"));

        using var bad = await cluster.Master.Client.GetAsync("/master/tasks?limit=lots");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'limit'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameworksAndSlaves_FilteredById()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);

        using (var json = await cluster.Master.GetJsonAsync($"/master/frameworks?framework_id={cluster.FrameworkId}"))
        {
            Assert.Equal(["frameworks", "completed_frameworks", "unregistered_frameworks"], Keys(json.RootElement));
            Assert.Single(json.RootElement.GetProperty("frameworks").EnumerateArray());
        }

        using (var json = await cluster.Master.GetJsonAsync("/master/frameworks?framework_id=other"))
        {
            Assert.Empty(json.RootElement.GetProperty("frameworks").EnumerateArray());
        }

        using (var json = await cluster.Master.GetJsonAsync($"/master/slaves?slave_id={cluster.Agent.AgentId}"))
        {
            var slave = Assert.Single(json.RootElement.GetProperty("slaves").EnumerateArray());
            var keys = Keys(slave);
            Assert.Contains("reserved_resources_full", keys);
            Assert.Contains("unreserved_resources_full", keys);
            var used = Assert.Single(slave.GetProperty("used_resources_full").EnumerateArray(), r => r.GetProperty("name").GetString() == "cpus");
            Assert.Equal(0.5, used.GetProperty("scalar").GetProperty("value").GetDouble());
            Assert.Equal("*", used.GetProperty("allocation_info").GetProperty("role").GetString());
        }

        using (var json = await cluster.Master.GetJsonAsync("/slaves?slave_id=nope"))
        {
            Assert.Empty(json.RootElement.GetProperty("slaves").EnumerateArray());
        }
    }

    [Fact]
    public async Task Teardown_FormBody_RemovesFramework()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);

        using var response = await cluster.Master.Client.PostAsync(
            "/master/teardown",
            new FormUrlEncodedContent([new("frameworkId", cluster.FrameworkId)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await cluster.Master.GetJsonAsync("/master/frameworks");
        Assert.Empty(json.RootElement.GetProperty("frameworks").EnumerateArray());
        var completed = Assert.Single(json.RootElement.GetProperty("completed_frameworks").EnumerateArray());
        Assert.Equal(cluster.FrameworkId, completed.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("", "Missing 'frameworkId' query parameter in the request body")]
    [InlineData("frameworkId=", "Missing 'frameworkId'")]
    [InlineData("frameworkId=no-such-framework", "'no-such-framework'")]
    public async Task Teardown_BadForm_400NamingTheProblem(string body, string expected)
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.Client.PostAsync("/teardown", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teardown_Get_405()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.Client.GetAsync("/master/teardown");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Weights_GetPutGet_RoundTrips()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using (var json = await master.GetJsonAsync("/master/weights"))
        {
            var entry = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(("web", 2.0), (entry.GetProperty("role").GetString(), entry.GetProperty("weight").GetDouble()));
        }

        using var put = await master.Client.PutAsync(
            "/master/weights",
            new StringContent("""[{"role":"batch","weight":3.5},{"role":"web","weight":1.5}]""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using (var json = await master.GetJsonAsync("/weights"))
        {
            var weights = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("role").GetString()!, e => e.GetProperty("weight").GetDouble());
            Assert.Equal(3.5, weights["batch"]);
            Assert.Equal(1.5, weights["web"]);
        }

        using (var json = await master.GetJsonAsync("/master/roles"))
        {
            var batch = Assert.Single(json.RootElement.GetProperty("roles").EnumerateArray(), r => r.GetProperty("name").GetString() == "batch");
            Assert.Equal(3.5, batch.GetProperty("weight").GetDouble());
        }
    }

    [Theory]
    [InlineData("""[{"role":"web","weight":0}]""", "Weights must be positive")]
    [InlineData("""[{"role":"web","weight":-1}]""", "role 'web'")]
    [InlineData("""[{"role":"bad role","weight":1}]""", "Invalid role 'bad role'")]
    [InlineData("""not json""", "Failed to parse update weights request JSON")]
    public async Task Weights_PutInvalid_400NamingTheEntry(string body, string expected)
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.Client.PutAsync("/master/weights", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var json = await master.GetJsonAsync("/master/weights");
        Assert.Equal(2, Assert.Single(json.RootElement.EnumerateArray()).GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task Redirect_Leader_307ToOwnBaseUrl()
    {
        await using var master = await OperatorTestMaster.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = master.Endpoint };

        using var response = await client.GetAsync("/master/redirect");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"//localhost:{master.Host.BoundPort}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HealthAndVersionAndFlags_AnswerWithoutLeaderWork()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var health = await master.Client.GetAsync("/master/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(await health.Content.ReadAsByteArrayAsync());

        using var version = await master.GetJsonAsync("/version");
        Assert.Equal(["version", "build_date", "build_time", "build_user"], Keys(version.RootElement));
        Assert.Equal("1.11.0", version.RootElement.GetProperty("version").GetString());

        using var flags = await master.GetJsonAsync("/master/flags");
        Assert.Equal("0", flags.RootElement.GetProperty("flags").GetProperty("port").GetString());
    }

    [Fact]
    public async Task StateSummary_RunningTask_CountedOnAgentAndFramework()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 2);

        using var json = await cluster.Master.GetJsonAsync("/master/state-summary");

        var slave = Assert.Single(json.RootElement.GetProperty("slaves").EnumerateArray());
        Assert.Equal(2, slave.GetProperty("TASK_RUNNING").GetInt32());
        Assert.Equal([cluster.FrameworkId], slave.GetProperty("framework_ids").EnumerateArray().Select(e => e.GetString()));
        var framework = Assert.Single(json.RootElement.GetProperty("frameworks").EnumerateArray());
        Assert.Equal(2, framework.GetProperty("TASK_RUNNING").GetInt32());
        Assert.Equal(1.0, framework.GetProperty("used_resources").GetProperty("cpus").GetDouble());
    }

    [Fact]
    public async Task NotLeader_LeaderOnlyEndpoints307ToLeaderOthersServe()
    {
        await using var master = await OperatorTestMaster.StartAsync();
        master.Host.Leader = new Regatta.Master.Hosting.LeaderState(false, "leader-host:5050");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = master.Endpoint };

        using (var state = await client.GetAsync("/master/state?jsonp=cb"))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, state.StatusCode);
            Assert.Equal("//leader-host:5050/master/state?jsonp=cb", state.Headers.Location?.OriginalString);
        }

        using (var api = await client.PostAsync("/api/v1", new StringContent("""{"type":"GET_STATE"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, api.StatusCode);
            Assert.Equal("//leader-host:5050/api/v1", api.Headers.Location?.OriginalString);
        }

        using (var redirect = await client.GetAsync("/redirect"))
        {
            Assert.Equal("//leader-host:5050", redirect.Headers.Location?.OriginalString);
        }

        using (var health = await client.GetAsync("/master/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using (var metrics = await client.GetAsync("/metrics/snapshot"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        master.Host.Leader = new Regatta.Master.Hosting.LeaderState(false, null);
        using var none = await client.GetAsync("/master/tasks");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, none.StatusCode);
        Assert.Equal("No leader elected", await none.Content.ReadAsStringAsync());
    }
}
