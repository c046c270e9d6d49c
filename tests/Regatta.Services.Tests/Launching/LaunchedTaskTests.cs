using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using static Regatta.Services.Tests.Launching.LaunchingFixtures;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Tests.Launching;

public sealed class LaunchedTaskTests
{
    private static readonly DateTimeOffset Staged = new(2020, 1, 1, 10, 0, 1, TimeSpan.Zero);

    private static LaunchedTask Launched()
    {
        var app = App("""{"id":"/web","cmd":"run","portDefinitions":[{"port":10000},{"port":10001}]}""");
        var agent = new AgentView("S2", "agent-1.example.com", new Dictionary<string, AgentAttribute>(), "us-east", "a");
        return LaunchedTask.Create(app, Match(app, Offer("cpus:4;mem:1024;ports:[31000-31010]", agent: agent)), "web.1", Staged);
    }

    private static TaskStatusFacts Facts(V1.TaskState state, bool? healthy = null, params string[] ips)
    {
        var status = new V1.TaskStatus { TaskId = new V1.TaskID { Value = "web.1" }, State = state };
        if (healthy is { } h)
        {
            status.Healthy = h;
        }

        if (ips.Length > 0)
        {
            var network = new V1.NetworkInfo();
            network.IpAddresses.AddRange(ips.Select(ip => new V1.NetworkInfo.Types.IPAddress { IpAddress = ip }));
            status.ContainerStatus = new V1.ContainerStatus();
            status.ContainerStatus.NetworkInfos.Add(network);
        }

        return TaskStatusFacts.From(status);
    }

    [Fact]
    public void Create_FromMatch_HostPortsAgentAndStaging()
    {
        var task = Launched();

        Assert.Equal(TaskCondition.Staging, task.Condition);
        Assert.Equal([31000, 31001], task.HostPorts);
        Assert.Equal(("S2", "agent-1.example.com", "us-east", "a"), (task.AgentId, task.Host, task.Region, task.Zone));
        Assert.Equal(AppVersion, task.Version);
        Assert.Equal("*", task.Role);
    }

    [Fact]
    public void WithStatus_FirstRunning_SetsStartedAtAndIps()
    {
        var now = Staged.AddSeconds(3);

        var task = Launched().WithStatus(Facts(V1.TaskState.TaskRunning, ips: "10.0.1.7"), now);

        Assert.Equal(TaskCondition.Running, task.Condition);
        Assert.Equal(now, task.StartedAt);
        Assert.Equal([new TaskIpAddress("10.0.1.7")], task.IpAddresses);
    }

    [Fact]
    public void WithStatus_RepeatedRunningWithoutHealth_ReturnsSameInstance()
    {
        var running = Launched().WithStatus(Facts(V1.TaskState.TaskRunning, healthy: true), Staged.AddSeconds(3));

        var again = running.WithStatus(Facts(V1.TaskState.TaskRunning), Staged.AddSeconds(9));

        Assert.Same(running, again);
        Assert.True(again.Healthy);
    }

    [Fact]
    public void WithStatus_HealthFlips_UpdatedWithoutMovingStartedAt()
    {
        var running = Launched().WithStatus(Facts(V1.TaskState.TaskRunning, healthy: true, "10.0.1.7"), Staged.AddSeconds(3));

        var unhealthy = running.WithStatus(Facts(V1.TaskState.TaskRunning, healthy: false), Staged.AddSeconds(60));

        Assert.False(unhealthy.Healthy);
        Assert.Equal(Staged.AddSeconds(3), unhealthy.StartedAt);
        Assert.Equal([new TaskIpAddress("10.0.1.7")], unhealthy.IpAddresses);
    }

    [Fact]
    public void WithStatus_AfterTerminal_Ignored()
    {
        var finished = Launched().WithStatus(Facts(V1.TaskState.TaskFinished), Staged.AddSeconds(5));

        Assert.Same(finished, finished.WithStatus(Facts(V1.TaskState.TaskLost), Staged.AddSeconds(6)));
        Assert.Equal(TaskCondition.Finished, finished.Condition);
    }

    [Fact]
    public void WithStatus_Unreachable_RecordsSinceAndClearsOnReturn()
    {
        var running = Launched().WithStatus(Facts(V1.TaskState.TaskRunning), Staged.AddSeconds(3));

        var unreachable = running.WithStatus(Facts(V1.TaskState.TaskUnreachable), Staged.AddMinutes(5));
        var inactive = unreachable with { Condition = TaskCondition.UnreachableInactive };
        var stillInactive = inactive.WithStatus(Facts(V1.TaskState.TaskUnreachable), Staged.AddMinutes(6));
        var back = stillInactive.WithStatus(Facts(V1.TaskState.TaskRunning), Staged.AddMinutes(7));

        Assert.Equal(Staged.AddMinutes(5), unreachable.UnreachableSince);
        Assert.Same(inactive, stillInactive);
        Assert.Equal(TaskCondition.Running, back.Condition);
        Assert.Null(back.UnreachableSince);
        Assert.Equal(Staged.AddSeconds(3), back.StartedAt);
    }

    [Fact]
    public void ToView_RunningTask_CarriesPortsAndGivenServicePorts()
    {
        var task = Launched().WithStatus(Facts(V1.TaskState.TaskRunning), Staged.AddSeconds(3));

        var view = task.ToView(servicePorts: [10000, 10001]);

        Assert.Equal(PathId.Parse("/web"), view.AppId);
        Assert.Equal([31000, 31001], view.Ports);
        Assert.Equal([10000, 10001], view.ServicePorts);
        Assert.Equal("S2", view.SlaveId);
        Assert.Contains("\"state\":\"TASK_RUNNING\"", ServiceTaskJson.ToJson(view), StringComparison.Ordinal);
    }
}
