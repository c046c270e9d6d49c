using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Hosting;

/// <summary>A master restart on the same work_dir loses nothing: frameworks, agents and running tasks come back.</summary>
public sealed class MasterRestartTests : IDisposable
{
    private readonly string _workDir = TestMaster.NewWorkDir();

    public void Dispose()
    {
        if (Directory.Exists(_workDir))
        {
            Directory.Delete(_workDir, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_RunningTask_FrameworkResubscribesAgentReregistersTaskStillRunning()
    {
        string frameworkId;
        string agentId;
        Regatta.Protocol.V1.Task runningTask;
        FrameworkInfo frameworkInfo;
        await using (var first = await TestMaster.StartAsync(TestMaster.Options(_workDir)))
        {
            using var client = new SchedulerTestClient(first.Endpoint);
            await using var scheduler = await client.SubscribeAsync(new FrameworkInfo { User = "root", Name = "durable", FailoverTimeout = 3600 });
            frameworkId = scheduler.FrameworkId;
            await using var agent = await FakeAgent.ConnectAsync(first.Endpoint);
            agentId = (await agent.RegisterAsync()).AgentId.Value;
            var offer = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();
            await client.PostAsync(scheduler, CoreHarness.Accept([offer], [CoreHarness.Task("db-1", agentId)]));
            var runTask = (await agent.NextAsync(MasterMessage.KindOneofCase.RunTask)).RunTask;
            frameworkInfo = runTask.Framework;
            await agent.SendUpdateAsync(frameworkId, "db-1", TaskState.TaskRunning);
            var running = (await scheduler.NextAsync(EventType.Update)).Update.Status;
            await client.PostAsync(scheduler, MasterEndToEndTests.Ack(agentId, "db-1", running.Uuid));
            await agent.NextAsync(MasterMessage.KindOneofCase.Acknowledge);
            runningTask = (await first.SnapshotAsync(CancellationToken.None)).Frameworks.Single().Tasks.Single();
        }

        await using var second = await TestMaster.StartAsync(TestMaster.Options(_workDir));
        var recovered = await second.SnapshotAsync(CancellationToken.None);
        Assert.NotEqual(recovered.MasterInfo.Id, frameworkId.Split("-0000")[0]);
        Assert.True(recovered.Frameworks.Single().Recovered);
        Assert.Equal(agentId, recovered.RecoveredAgents.Single().Id.Value);
        Assert.Equal(TaskState.TaskRunning, recovered.Frameworks.Single().Tasks.Single().State);

        await using var agentAgain = await FakeAgent.ConnectAsync(second.Endpoint);
        var registered = await agentAgain.RegisterAsync(agentId: agentId, tasks: [runningTask], frameworks: [frameworkInfo]);
        Assert.Equal(agentId, registered.AgentId.Value);
        Assert.Empty(registered.KillTasks);

        using var client2 = new SchedulerTestClient(second.Endpoint);
        var info = new FrameworkInfo { User = "root", Name = "durable", FailoverTimeout = 3600, Id = new FrameworkID { Value = frameworkId } };
        await using var resubscribed = await client2.SubscribeAsync(info);
        Assert.Equal(frameworkId, resubscribed.FrameworkId);
        await client2.PostAsync(resubscribed, new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() });

        var status = (await resubscribed.NextAsync(EventType.Update)).Update.Status;
        Assert.Equal("db-1", status.TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, status.State);
        var snapshot = await second.SnapshotAsync(CancellationToken.None);
        Assert.False(snapshot.Frameworks.Single().Recovered);
        Assert.Equal(1, snapshot.Agents.Single().Used.Scalar("cpus"));
    }
}
