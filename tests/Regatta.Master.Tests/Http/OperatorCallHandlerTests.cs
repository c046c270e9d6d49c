using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Master;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Http;

public sealed class OperatorCallHandlerTests
{
    private static async Task<Response> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return MesosJson.Parse<Response>(body);
    }

    private static string TeardownJson(string frameworkId) =>
        MesosJson.Format(new Call { Type = Call.Types.Type.Teardown, Teardown = new() { FrameworkId = new FrameworkID { Value = frameworkId } } });

    [Fact]
    public async Task GetCalls_Json_ReturnTypedResponses()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);
        var master = cluster.Master;

        var health = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_HEALTH"}"""));
        Assert.True(health.GetHealth.Healthy);

        var version = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_VERSION"}"""));
        Assert.Equal("1.11.0", version.GetVersion.VersionInfo.Version);

        var flags = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_FLAGS"}"""));
        Assert.Contains(flags.GetFlags.Flags, f => f.Name == "port" && f.Value == "0");

        var metrics = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":5000000000}}}"""));
        Assert.Equal(1, metrics.GetMetrics.Metrics.Single(m => m.Name == "master/slaves_active").Value);

        var state = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_STATE"}"""));
        Assert.Equal(Response.Types.Type.GetState, state.Type);
        Assert.Equal("task-1", Assert.Single(state.GetState.GetTasks.Tasks).TaskId.Value);
        Assert.Equal(cluster.Agent.AgentId, Assert.Single(state.GetState.GetAgents.Agents).AgentInfo.Id.Value);
        Assert.Equal(cluster.FrameworkId, Assert.Single(state.GetState.GetFrameworks.Frameworks).FrameworkInfo.Id.Value);

        var agents = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_AGENTS"}"""));
        var agent = Assert.Single(agents.GetAgents.Agents);
        Assert.True(agent.Active);
        Assert.Contains(agent.AllocatedResources, r => r.Name == "cpus" && r.Scalar.Value == 0.5 && r.AllocationInfo.Role == "*");

        var frameworks = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_FRAMEWORKS"}"""));
        Assert.True(Assert.Single(frameworks.GetFrameworks.Frameworks).Connected);

        var executors = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_EXECUTORS"}"""));
        Assert.Equal(Response.Types.Type.GetExecutors, executors.Type);

        var tasks = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_TASKS"}"""));
        Assert.Equal(TaskState.TaskRunning, Assert.Single(tasks.GetTasks.Tasks).State);

        var roles = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_ROLES"}"""));
        Assert.Contains(roles.GetRoles.Roles, r => r.Name == "web" && r.Weight == 2);
        Assert.Contains(roles.GetRoles.Roles, r => r.Name == "*" && r.Frameworks.Any(f => f.Value == cluster.FrameworkId));

        var weights = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_WEIGHTS"}"""));
        Assert.Equal(("web", 2.0), (weights.GetWeights.WeightInfos[0].Role, weights.GetWeights.WeightInfos[0].Weight));

        var info = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_MASTER"}""", path: "/master/api/v1"));
        Assert.Equal(master.Host.MasterId, info.GetMaster.MasterInfo.Id);
        Assert.True(info.GetMaster.ElectedTime >= info.GetMaster.StartTime);
    }

    [Theory]
    [InlineData(Call.Types.Type.GetHealth, Response.Types.Type.GetHealth)]
    [InlineData(Call.Types.Type.GetVersion, Response.Types.Type.GetVersion)]
    [InlineData(Call.Types.Type.GetFlags, Response.Types.Type.GetFlags)]
    [InlineData(Call.Types.Type.GetMetrics, Response.Types.Type.GetMetrics)]
    [InlineData(Call.Types.Type.GetState, Response.Types.Type.GetState)]
    [InlineData(Call.Types.Type.GetAgents, Response.Types.Type.GetAgents)]
    [InlineData(Call.Types.Type.GetFrameworks, Response.Types.Type.GetFrameworks)]
    [InlineData(Call.Types.Type.GetExecutors, Response.Types.Type.GetExecutors)]
    [InlineData(Call.Types.Type.GetTasks, Response.Types.Type.GetTasks)]
    [InlineData(Call.Types.Type.GetRoles, Response.Types.Type.GetRoles)]
    [InlineData(Call.Types.Type.GetWeights, Response.Types.Type.GetWeights)]
    [InlineData(Call.Types.Type.GetMaster, Response.Types.Type.GetMaster)]
    public async Task GetCalls_Protobuf_ReturnProtobufOfTheMatchingType(Call.Types.Type call, Response.Types.Type expected)
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using var response = await master.CallProtobufAsync(new Call { Type = call });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var decoded = MesosProtobuf.Decode<Response>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, decoded.Type);
    }

    [Fact]
    public async Task Ladder_MethodContentTypeBodyAccept_MesosStatuses()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using (var get = await master.Client.GetAsync("/api/v1"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        }

        using (var noType = await master.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1") { Content = new ByteArrayContent("{}"u8.ToArray()) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
            Assert.Equal("Expecting 'Content-Type' to be present", await noType.Content.ReadAsStringAsync());
        }

        using (var text = await master.Client.PostAsync("/api/v1", new StringContent("""{"type":"GET_HEALTH"}""", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        }

        using (var garbage = await master.CallAsync("""{"type":"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.StartsWith("Failed to convert JSON into Call protobuf", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Like Mesos (stout), an unknown value of an optional enum is discarded, leaving the type unset.
        using (var badEnum = await master.CallAsync("""{"type":"GET_EVERYTHING"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
            Assert.Contains("Expecting 'type' to be present", await badEnum.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var missing = await master.CallAsync("""{}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("Failed to validate master::Call: Expecting 'type' to be present", await missing.Content.ReadAsStringAsync());
        }

        using (var noPayload = await master.CallAsync("""{"type":"TEARDOWN"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noPayload.StatusCode);
            Assert.Contains("'teardown'", await noPayload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var badProto = await master.Client.PostAsync("/api/v1", new ByteArrayContent([0xFF, 0xFF, 0xFF]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badProto.StatusCode);
            Assert.StartsWith("Failed to parse body into Call protobuf", await badProto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var notAcceptable = await master.CallAsync("""{"type":"GET_HEALTH"}""", accept: "text/html"))
        {
            Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        }

        using (var unsupported = await master.CallAsync("""{"type":"GET_QUOTA"}"""))
        {
            Assert.Equal(HttpStatusCode.NotImplemented, unsupported.StatusCode);
            Assert.Contains("GET_QUOTA", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UpdateWeights_ValidThenInvalid_AppliesOnlyValid()
    {
        await using var master = await OperatorTestMaster.StartAsync();

        using (var ok = await master.CallAsync("""{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"batch","weight":4}]}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var bad = await master.CallAsync("""{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"batch","weight":-4}]}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("role 'batch'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var weights = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_WEIGHTS"}"""));
        Assert.Contains(weights.GetWeights.WeightInfos, w => w.Role == "batch" && w.Weight == 4);
    }

    [Fact]
    public async Task Teardown_KnownAndUnknownFramework_200Then400()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);

        using (var ok = await cluster.Master.CallAsync(TeardownJson(cluster.FrameworkId)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var again = await cluster.Master.CallAsync(TeardownJson(cluster.FrameworkId)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains(cluster.FrameworkId, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var frameworks = await ReadJsonAsync(await cluster.Master.CallAsync("""{"type":"GET_FRAMEWORKS"}"""));
        Assert.Empty(frameworks.GetFrameworks.Frameworks);
        Assert.Equal(cluster.FrameworkId, Assert.Single(frameworks.GetFrameworks.CompletedFrameworks).FrameworkInfo.Id.Value);
    }

    [Fact]
    public async Task DeactivateReactivateAgent_FlipsAgentState()
    {
        await using var cluster = await OperatorTestCluster.StartAsync();
        var master = cluster.Master;
        var agentId = cluster.Agent.AgentId;

        using (var off = await master.CallAsync(MesosJson.Format(new Call { Type = Call.Types.Type.DeactivateAgent, DeactivateAgent = new() { AgentId = new AgentID { Value = agentId } } })))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        var agents = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_AGENTS"}"""));
        Assert.True(agents.GetAgents.Agents[0].Deactivated);
        Assert.False(agents.GetAgents.Agents[0].Active);

        using (var on = await master.CallAsync(MesosJson.Format(new Call { Type = Call.Types.Type.ReactivateAgent, ReactivateAgent = new() { AgentId = new AgentID { Value = agentId } } })))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        agents = await ReadJsonAsync(await master.CallAsync("""{"type":"GET_AGENTS"}"""));
        Assert.False(agents.GetAgents.Agents[0].Deactivated);

        using var unknown = await master.CallAsync("""{"type":"DEACTIVATE_AGENT","deactivate_agent":{"agent_id":{"value":"nobody"}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'nobody'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
