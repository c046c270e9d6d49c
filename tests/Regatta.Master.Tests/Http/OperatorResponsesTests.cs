using Regatta.Master.Http;
using Regatta.Protocol;
using Regatta.Protocol.V1.Master;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class OperatorResponsesTests
{
    [Fact]
    public void State_OneOfEach_SplitsTasksAndListsAgentsAndFrameworks()
    {
        var response = OperatorResponses.State(OneOfEach());

        Assert.Equal(Response.Types.Type.GetState, response.Type);
        var state = response.GetState;
        Assert.Equal(["t-running", "t-staging"], state.GetTasks.Tasks.Select(t => t.TaskId.Value));
        Assert.Equal("t-unreachable", Assert.Single(state.GetTasks.UnreachableTasks).TaskId.Value);
        Assert.Equal("t-done", Assert.Single(state.GetTasks.CompletedTasks).TaskId.Value);
        Assert.Equal(AgentId, Assert.Single(state.GetAgents.Agents).AgentInfo.Id.Value);
        Assert.Equal(FrameworkId, Assert.Single(state.GetFrameworks.Frameworks).FrameworkInfo.Id.Value);
        Assert.Empty(state.GetExecutors.Executors);
    }

    [Fact]
    public void State_Json_UsesSnakeCaseFieldNames()
    {
        var json = MesosJson.Format(OperatorResponses.State(OneOfEach()));

        Assert.StartsWith("""{"type":"GET_STATE","get_state":{"get_tasks":{"tasks":[""", json);
        Assert.Contains("\"get_agents\":{\"agents\":[{\"agent_info\":", json);
    }

    [Fact]
    public void Roles_OneOfEach_HoldsAllocatedPlusOfferedScalars()
    {
        var roles = OperatorResponses.Roles(OneOfEach()).GetRoles.Roles;

        Assert.Equal(["*", "web"], roles.Select(r => r.Name));
        Assert.Equal(3, roles[0].Resources.Single(r => r.Name == "cpus").Scalar.Value);
        Assert.Equal(FrameworkId, Assert.Single(roles[0].Frameworks).Value);
        Assert.Equal(2, roles[1].Weight);
        Assert.Empty(roles[1].Resources);
    }

    [Fact]
    public void Master_OneOfEach_CarriesInfoAndTimes()
    {
        var master = OperatorResponses.Master(OneOfEach()).GetMaster;

        Assert.Equal(MasterId, master.MasterInfo.Id);
        Assert.Equal(1704067200.0, master.StartTime);
        Assert.Equal(1704067201.0, master.ElectedTime);
    }

    [Fact]
    public void FlagsAndWeights_OneOfEach_SortedByName()
    {
        Assert.Equal(["port", "work_dir"], OperatorResponses.Flags(OneOfEach()).GetFlags.Flags.Select(f => f.Name));
        var weight = Assert.Single(OperatorResponses.Weights(OneOfEach()).GetWeights.WeightInfos);
        Assert.Equal(("web", 2.0), (weight.Role, weight.Weight));
    }
}
