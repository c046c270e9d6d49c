using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Tests.Launching;

public sealed class TaskStatusFactsTests
{
    private static V1.TaskStatus Status(V1.TaskState state) => new() { TaskId = new V1.TaskID { Value = "app.1" }, State = state };

    [Theory]
    [InlineData(V1.TaskState.TaskStaging, "Staging", "TASK_STAGING")]
    [InlineData(V1.TaskState.TaskRunning, "Running", "TASK_RUNNING")]
    [InlineData(V1.TaskState.TaskKilling, "Killing", "TASK_KILLING")]
    [InlineData(V1.TaskState.TaskUnreachable, "Unreachable", "TASK_UNREACHABLE")]
    [InlineData(V1.TaskState.TaskGoneByOperator, "Gone", "TASK_GONE")]
    [InlineData(V1.TaskState.TaskDropped, "Dropped", "TASK_DROPPED")]
    [InlineData(V1.TaskState.TaskLost, "Gone", "TASK_GONE")]
    public void From_State_ConditionAndApiName(V1.TaskState state, string condition, string name)
    {
        var facts = TaskStatusFacts.From(Status(state));

        Assert.Equal(Enum.Parse<TaskCondition>(condition), facts.Condition);
        Assert.Equal(name, facts.StateName);
    }

    [Theory]
    [InlineData(V1.TaskStatus.Types.Reason.Reconciliation, null, "Unreachable")]
    [InlineData(V1.TaskStatus.Types.Reason.AgentDisconnected, null, "Unreachable")]
    [InlineData(V1.TaskStatus.Types.Reason.AgentRemoved, null, "Unreachable")]
    [InlineData(V1.TaskStatus.Types.Reason.TaskUnknown, null, "Unknown")]
    [InlineData(V1.TaskStatus.Types.Reason.Reconciliation, "Reconciliation: Task is unknown to the agent", "Unknown")]
    [InlineData(V1.TaskStatus.Types.Reason.ExecutorTerminated, null, "Gone")]
    public void From_Lost_ResolvedByReasonAndMessage(V1.TaskStatus.Types.Reason reason, string? message, string expected)
    {
        var status = Status(V1.TaskState.TaskLost);
        status.Reason = reason;
        if (message is not null)
        {
            status.Message = message;
        }

        Assert.Equal(Enum.Parse<TaskCondition>(expected), TaskStatusFacts.From(status).Condition);
    }

    [Fact]
    public void From_FullStatus_ReadsIpsHealthTimesAndReason()
    {
        var status = Status(V1.TaskState.TaskRunning);
        status.AgentId = new V1.AgentID { Value = "S1" };
        status.Healthy = false;
        status.Timestamp = 1577872801.5;
        status.Message = "health check failed";
        status.Reason = V1.TaskStatus.Types.Reason.TaskHealthCheckStatusUpdated;
        var network = new V1.NetworkInfo();
        network.IpAddresses.Add(new V1.NetworkInfo.Types.IPAddress { IpAddress = "10.0.1.7" });
        network.IpAddresses.Add(new V1.NetworkInfo.Types.IPAddress { IpAddress = "fd00::7", Protocol = V1.NetworkInfo.Types.Protocol.Ipv6 });
        network.IpAddresses.Add(new V1.NetworkInfo.Types.IPAddress());
        status.ContainerStatus = new V1.ContainerStatus();
        status.ContainerStatus.NetworkInfos.Add(network);

        var facts = TaskStatusFacts.From(status);

        Assert.Equal("app.1", facts.TaskId);
        Assert.Equal("S1", facts.AgentId);
        Assert.False(facts.Healthy);
        Assert.True(facts.HasNetworkInfos);
        Assert.Equal([new TaskIpAddress("10.0.1.7"), new TaskIpAddress("fd00::7", IpProtocol.IPv6)], facts.IpAddresses);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 10, 0, 1, 500, TimeSpan.Zero), facts.Timestamp);
        Assert.Equal("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", facts.Reason);
        Assert.Equal("health check failed", facts.Message);
    }

    [Fact]
    public void From_BareStatus_NothingOptionalSet()
    {
        var facts = TaskStatusFacts.From(Status(V1.TaskState.TaskStarting));

        Assert.Null(facts.Healthy);
        Assert.False(facts.HasNetworkInfos);
        Assert.Empty(facts.IpAddresses);
        Assert.Null(facts.Timestamp);
        Assert.Null(facts.UnreachableTime);
        Assert.Null(facts.Reason);
    }

    [Fact]
    public void From_UnreachableTime_ReadFromNanoseconds()
    {
        var status = Status(V1.TaskState.TaskUnreachable);
        status.UnreachableTime = new V1.TimeInfo { Nanoseconds = 1_577_872_800_000_000_000 };

        Assert.Equal(new DateTimeOffset(2020, 1, 1, 10, 0, 0, TimeSpan.Zero), TaskStatusFacts.From(status).UnreachableTime);
    }
}
