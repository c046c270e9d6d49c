using System.Diagnostics;
using System.Net;
using Regatta.Master.Tests.Support;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Master;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Http;

public sealed class OperatorEventStreamTests
{
    [Fact]
    public async Task Subscribe_ThenClusterActivity_StreamsSubscribedAndEveryChange()
    {
        await using var master = await OperatorTestMaster.StartAsync();
        await using var stream = await OperatorTestEventStream.OpenAsync(master.Client);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("application/json", stream.Response.Content.Headers.ContentType?.MediaType);

        var subscribed = await stream.NextAsync();
        Assert.Equal(Event.Types.Type.Subscribed, subscribed!.Type);
        Assert.Equal(15, subscribed.Subscribed.HeartbeatIntervalSeconds);
        Assert.Empty(subscribed.Subscribed.GetState.GetAgents.Agents);

        await using var agent = await OperatorTestCluster.RegisterAgentAsync(master.Endpoint);
        var added = await stream.NextOfTypeAsync(Event.Types.Type.AgentAdded);
        Assert.Equal(agent.AgentId, added.AgentAdded.Agent.AgentInfo.Id.Value);

        using var client = new SchedulerTestClient(master.Endpoint);
        await using var scheduler = await OperatorTestCluster.SubscribeAsync(client);
        var framework = await stream.NextOfTypeAsync(Event.Types.Type.FrameworkAdded);
        Assert.Equal(scheduler.FrameworkId, framework.FrameworkAdded.Framework.FrameworkInfo.Id.Value);

        await OperatorTestCluster.LaunchAsync(scheduler, ["task-1"]);
        var taskAdded = await stream.NextOfTypeAsync(Event.Types.Type.TaskAdded);
        Assert.Equal("task-1", taskAdded.TaskAdded.Task.TaskId.Value);
        Assert.Equal(TaskState.TaskStaging, taskAdded.TaskAdded.Task.State);

        var run = (await agent.NextAsync(MasterMessage.KindOneofCase.RunTask)).RunTask;
        await agent.SendUpdateAsync(scheduler.FrameworkId, run.Task.TaskId.Value, TaskState.TaskRunning);
        var updated = await stream.NextOfTypeAsync(Event.Types.Type.TaskUpdated);
        Assert.Equal(TaskState.TaskRunning, updated.TaskUpdated.State);
        Assert.Equal("task-1", updated.TaskUpdated.Status.TaskId.Value);
        Assert.Equal(scheduler.FrameworkId, updated.TaskUpdated.FrameworkId.Value);
    }

    [Fact]
    public async Task Subscribe_ExistingState_IsInSubscribed()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);
        await using var stream = await OperatorTestEventStream.OpenAsync(cluster.Master.Client, WireFormat.Protobuf);

        Assert.Equal("application/x-protobuf", stream.Response.Content.Headers.ContentType?.MediaType);
        var subscribed = await stream.NextAsync();
        Assert.Equal(Event.Types.Type.Subscribed, subscribed!.Type);
        var state = subscribed.Subscribed.GetState;
        Assert.Equal(cluster.Agent.AgentId, Assert.Single(state.GetAgents.Agents).AgentInfo.Id.Value);
        Assert.Equal(cluster.FrameworkId, Assert.Single(state.GetFrameworks.Frameworks).FrameworkInfo.Id.Value);
        Assert.Equal(TaskState.TaskRunning, Assert.Single(state.GetTasks.Tasks).State);
    }

    [Fact]
    public async Task Subscribe_ShortHeartbeatInterval_HeartbeatsAfterOneInterval()
    {
        var interval = TimeSpan.FromMilliseconds(300);
        await using var master = await OperatorTestMaster.StartAsync(o => o with { HeartbeatInterval = interval });
        await using var stream = await OperatorTestEventStream.OpenAsync(master.Client);

        var subscribed = await stream.NextAsync();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0.3, subscribed!.Subscribed.HeartbeatIntervalSeconds, 6);

        Assert.Equal(Event.Types.Type.Heartbeat, (await stream.NextAsync())!.Type);
        Assert.True(clock.Elapsed >= interval * 0.5, $"first heartbeat after {clock.Elapsed}");
        Assert.Equal(Event.Types.Type.Heartbeat, (await stream.NextAsync())!.Type);
    }

    [Fact]
    public async Task Subscribe_SubscriberLimit_OldestStreamEndsCleanly()
    {
        await using var master = await OperatorTestMaster.StartAsync(o => o with { MaxOperatorEventSubscribers = 1 });
        await using var first = await OperatorTestEventStream.OpenAsync(master.Client);
        Assert.Equal(Event.Types.Type.Subscribed, (await first.NextAsync())!.Type);

        await using var second = await OperatorTestEventStream.OpenAsync(master.Client);
        Assert.Equal(Event.Types.Type.Subscribed, (await second.NextAsync())!.Type);

        Assert.Null(await first.NextAsync());
        await using var agent = await OperatorTestCluster.RegisterAgentAsync(master.Endpoint);
        Assert.Equal(Event.Types.Type.AgentAdded, (await second.NextOfTypeAsync(Event.Types.Type.AgentAdded)).Type);
    }

    [Fact]
    public async Task Subscribe_ClientDisconnects_MasterKeepsServing()
    {
        await using var master = await OperatorTestMaster.StartAsync();
        var stream = await OperatorTestEventStream.OpenAsync(master.Client);
        Assert.Equal(Event.Types.Type.Subscribed, (await stream.NextAsync())!.Type);

        await stream.DisposeAsync();
        await using var agent = await OperatorTestCluster.RegisterAgentAsync(master.Endpoint);

        await using var again = await OperatorTestEventStream.OpenAsync(master.Client);
        var subscribed = await again.NextAsync();
        Assert.Equal(agent.AgentId, Assert.Single(subscribed!.Subscribed.GetState.GetAgents.Agents).AgentInfo.Id.Value);
    }
}
