using Regatta.Framework;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using static Regatta.EndToEnd.Tests.TestCluster;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.EndToEnd.Tests;

/// <summary>The recovery walkthrough on real processes: SIGKILL the agent, start it again on the same work_dir.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AgentRecoveryEndToEndTests
{
    [Fact]
    public async Task Agent_SigkillAndRestart_TasksSurvive_AndAnExitWhileAwayIsReportedWithItsStatus()
    {
        await using var cluster = new TestCluster();
        await cluster.StartMasterAsync("--max_agent_ping_timeouts=30");
        await cluster.StartAgentAsync();
        await using var fw = await cluster.SubscribeAsync(NewFramework("recovery", failoverTimeout: 300));
        var offer = (await NextAsync(fw, e => e.Type == Event.Types.Type.Offers, "an offer")).Offers.Offers_[0];
        await fw.LaunchAsync(offer, [CommandTask(offer, "long", "sleep 120"), CommandTask(offer, "short", "sleep 3; exit 7")]);
        var running = await CollectAsync(fw, 2, e => IsState(e, TaskState.TaskRunning), "both tasks RUNNING");
        var longPid = (int)running.Single(s => s.TaskId.Value == "long" && s.State == TaskState.TaskRunning).ContainerStatus.ExecutorPid;
        var shortPid = (int)running.Single(s => s.TaskId.Value == "short" && s.State == TaskState.TaskRunning).ContainerStatus.ExecutorPid;
        var agentId = (await cluster.GetJsonAsync(cluster.MasterUrl, "/master/slaves")).GetProperty("slaves")[0].GetProperty("id").GetString();

        cluster.Agent!.KillHard();
        Assert.True(IsAlive(longPid), "SIGKILL of the agent must not take its tasks along");
        await Eventually(() => Task.FromResult(!IsAlive(shortPid)), "the short task ends while no agent runs");
        await cluster.RestartAgentAsync();

        var seen = await CollectAsync(fw, 1, e => IsState(e, TaskState.TaskFailed), "the exit that happened while the agent was down");
        var failed = seen.Single(s => s.State == TaskState.TaskFailed);
        Assert.Equal("short", failed.TaskId.Value);
        Assert.Equal("Command exited with status 7", failed.Message);
        Assert.DoesNotContain(seen, s => s.TaskId.Value == "long" && s.State != TaskState.TaskRunning);
        var slaves = (await cluster.GetJsonAsync(cluster.MasterUrl, "/master/slaves")).GetProperty("slaves");
        Assert.Equal(agentId, slaves[0].GetProperty("id").GetString());
        Assert.True(IsAlive(longPid));
        var tasks = (await cluster.GetJsonAsync(cluster.MasterUrl, "/master/tasks")).GetProperty("tasks");
        Assert.Equal("TASK_RUNNING", tasks.EnumerateArray().Single(t => t.GetProperty("id").GetString() == "long").GetProperty("state").GetString());

        await fw.KillAsync(new TaskID { Value = "long" }, offer.AgentId);
        await NextAsync(fw, IsUpdate("long", TaskState.TaskKilled), "TASK_KILLED after the restart");
        await Eventually(() => Task.FromResult(!IsAlive(longPid)), "the recovered task's process is gone after the kill");
    }

    private static bool IsState(Event e, TaskState state) => e.Type == Event.Types.Type.Update && e.Update.Status.State == state;

    private static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    /// <summary>Acknowledges and records every update until <paramref name="count"/> of them match.</summary>
    private static async Task<List<TaskStatus>> CollectAsync(SchedulerConnection fw, int count, Func<Event, bool> match, string what)
    {
        var seen = new List<TaskStatus>();
        var matched = 0;
        while (matched < count)
        {
            var e = await NextAsync(fw, e => e.Type == Event.Types.Type.Update, what);
            seen.Add(e.Update.Status);
            matched += match(e) ? 1 : 0;
        }

        return seen;
    }
}
