using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using static Regatta.EndToEnd.Tests.TestCluster;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.EndToEnd.Tests;

/// <summary>A v1 framework against real master and agent processes on 127.0.0.1, as the issue's walkthrough.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FrameworkLifecycleTests
{
    [Theory]
    [InlineData(WireFormat.Json)]
    [InlineData(WireFormat.Protobuf)]
    public async Task Framework_LaunchReadKillReconcileTeardown_Works(WireFormat format)
    {
        await using var cluster = new TestCluster();
        await cluster.StartMasterAsync();
        await cluster.StartAgentAsync();
        await using var fw = await cluster.SubscribeAsync(NewFramework("e2e-" + format), format);

        var offers = await NextAsync(fw, e => e.Type == Event.Types.Type.Offers, "an offer");
        var offer = offers.Offers.Offers_[0];
        Assert.Equal("127.0.0.1", offer.Hostname);
        Assert.Contains(offer.Resources, r => r.Name == "cpus" && r.Scalar.Value == 2);

        await fw.LaunchAsync(offer, [CommandTask(offer, "hello", "echo hello; sleep 30")]);
        var running = await NextAsync(fw, IsUpdate("hello", TaskState.TaskRunning), "TASK_RUNNING");
        Assert.Equal(offer.AgentId, running.Update.Status.AgentId);

        // The task's output, read remotely through the agent's file endpoints.
        var state = await cluster.GetJsonAsync(cluster.AgentUrl, "/state");
        var directory = state.GetProperty("frameworks").EnumerateArray()
            .SelectMany(f => f.GetProperty("executors").EnumerateArray())
            .Single(e => e.GetProperty("id").GetString() == "hello")
            .GetProperty("directory").GetString();
        await Eventually(async () =>
        {
            var read = await cluster.GetJsonAsync(cluster.AgentUrl, $"/files/read?path={Uri.EscapeDataString(directory + "/stdout")}&offset=0&length=1000");
            return read.GetProperty("data").GetString()!.Contains("hello", StringComparison.Ordinal);
        }, "stdout holds the echo");

        var masterTasks = await cluster.GetJsonAsync(cluster.MasterUrl, "/master/tasks");
        Assert.Equal("TASK_RUNNING", masterTasks.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "hello").GetProperty("state").GetString());

        await fw.ReconcileAsync([]);
        var implicitAnswer = await NextAsync(fw, e => e.Type == Event.Types.Type.Update && e.Update.Status.Reason == TaskStatus.Types.Reason.Reconciliation, "implicit reconciliation");
        Assert.Equal("hello", implicitAnswer.Update.Status.TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, implicitAnswer.Update.Status.State);
        Assert.Equal(TaskStatus.Types.Source.Master, implicitAnswer.Update.Status.Source);
        Assert.False(implicitAnswer.Update.Status.HasUuid);

        await fw.KillAsync(new TaskID { Value = "hello" }, offer.AgentId);
        await NextAsync(fw, IsUpdate("hello", TaskState.TaskKilled), "TASK_KILLED");

        await fw.ReconcileAsync([(new TaskID { Value = "hello" }, offer.AgentId)]);
        var explicitAnswer = await NextAsync(fw, e => e.Type == Event.Types.Type.Update && e.Update.Status.TaskId.Value == "hello" && e.Update.Status.Reason == TaskStatus.Types.Reason.Reconciliation, "explicit reconciliation");
        Assert.False(explicitAnswer.Update.Status.HasUuid);
        Assert.Contains(explicitAnswer.Update.Status.State, new[] { TaskState.TaskKilled, TaskState.TaskLost });

        await fw.TeardownAsync();
        await Eventually(async () =>
        {
            var frameworks = await cluster.GetJsonAsync(cluster.MasterUrl, "/master/frameworks");
            return frameworks.GetProperty("frameworks").GetArrayLength() == 0
                && frameworks.GetProperty("completed_frameworks").EnumerateArray().Any(f => f.GetProperty("id").GetString() == fw.FrameworkId.Value);
        }, "the framework is completed");
    }

    [Fact]
    public async Task Master_RestartWithRunningTask_LosesNothing()
    {
        await using var cluster = new TestCluster();
        await cluster.StartMasterAsync();
        await cluster.StartAgentAsync();
        var info = NewFramework("survivor", failoverTimeout: 300);
        FrameworkID frameworkId;
        AgentID agentId;
        await using (var fw = await cluster.SubscribeAsync(info))
        {
            var offer = (await NextAsync(fw, e => e.Type == Event.Types.Type.Offers, "an offer")).Offers.Offers_[0];
            agentId = offer.AgentId;
            await fw.LaunchAsync(offer, [CommandTask(offer, "long", "sleep 120")]);
            await NextAsync(fw, IsUpdate("long", TaskState.TaskRunning), "TASK_RUNNING");
            frameworkId = fw.FrameworkId;
        }

        cluster.Master!.KillHard();
        await cluster.Master.DisposeAsync();
        await cluster.StartMasterAsync();

        // The agent re-registers by itself; the framework fails over to the new master with its id.
        await Eventually(async () => (await cluster.GetJsonAsync(cluster.MasterUrl, "/master/slaves")).GetProperty("slaves").EnumerateArray()
            .Any(s => s.GetProperty("id").GetString() == agentId.Value && s.GetProperty("active").GetBoolean()), "the agent re-registers");
        info.Id = frameworkId;
        await using var again = await cluster.SubscribeAsync(info);
        Assert.Equal(frameworkId, again.FrameworkId);

        await again.ReconcileAsync([(new TaskID { Value = "long" }, agentId)]);
        var answer = await NextAsync(again, e => e.Type == Event.Types.Type.Update && e.Update.Status.TaskId.Value == "long", "reconciliation of the running task");
        Assert.Equal(TaskState.TaskRunning, answer.Update.Status.State);

        var tasks = await cluster.GetJsonAsync(cluster.MasterUrl, "/master/tasks");
        var task = tasks.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "long");
        Assert.Equal("TASK_RUNNING", task.GetProperty("state").GetString());
        Assert.Equal(frameworkId.Value, task.GetProperty("framework_id").GetString());

        var agentState = await cluster.GetJsonAsync(cluster.AgentUrl, "/state");
        Assert.Contains(agentState.GetProperty("frameworks").EnumerateArray().SelectMany(f => f.GetProperty("executors").EnumerateArray()), e => e.GetProperty("id").GetString() == "long");
    }
}
