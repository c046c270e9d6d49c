using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests;

public sealed class AgentHostTests : IDisposable
{
    private const string FrameworkId = "F-0000";
    private static readonly TimeSpan Bound = FakeMaster.Timeout;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Agent_RegistersRunsAndKillsTasks_AndReregistersWithItsIdAfterADrop()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);

        var register = (await master.NextRegisterAsync()).Register;
        Assert.Null(register.AgentInfo.Id);
        Assert.Equal("agent.test", register.AgentInfo.Hostname);
        Assert.Equal(agent.BoundPort, register.AgentInfo.Port);
        Assert.Contains(register.AgentInfo.Resources, r => r.Name == "cpus" && r.Scalar.Value == 2);
        await master.RegisteredAsync("M-S0");
        await agent.Registered.WaitAsync(Bound);
        Assert.Equal("M-S0", agent.AgentId);
        Assert.Equal("M-S0", new AgentIdStore(new AgentPaths(_dir.Path)).TryRecover());

        await master.SendAsync(new MasterMessage { Ping = new Ping { Sequence = 5 } });
        Assert.Equal(5UL, (await master.NextAsync(m => m.Pong is not null)).Pong.Sequence);

        // A task that finishes: STARTING, RUNNING, FINISHED, each sent only after the previous one was acknowledged.
        await master.SendAsync(FakeMaster.RunTask("t1", "echo hello"));
        var starting = await master.NextUpdateAsync();
        Assert.Equal(V1.TaskState.TaskStarting, starting.State);
        Assert.Equal(16, starting.Uuid.Length);
        Assert.Equal("M-S0", starting.AgentId.Value);
        await master.AckAsync(starting, FrameworkId);
        var running = await master.NextUpdateAsync();
        Assert.Equal(V1.TaskState.TaskRunning, running.State);
        await master.AckAsync(running, FrameworkId);
        var finished = await master.NextUpdateAsync();
        Assert.Equal(V1.TaskState.TaskFinished, finished.State);
        Assert.Equal("Command exited with status 0", finished.Message);
        await master.AckAsync(finished, FrameworkId);
        var sandbox = new AgentPaths(_dir.Path).Sandbox("M-S0", FrameworkId, "t1", starting.ContainerStatus.ContainerId.Value);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(sandbox, "stdout")));
        Assert.Equal(Path.GetFileName(sandbox), new FileInfo(Path.Combine(Path.GetDirectoryName(sandbox)!, "latest")).LinkTarget);

        // A long task whose RUNNING update is left unacknowledged when the master connection drops.
        await master.SendAsync(FakeMaster.RunTask("t2", "sleep 300"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var unacked = await master.NextUpdateAsync();
        Assert.Equal(V1.TaskState.TaskRunning, unacked.State);
        master.Drop();

        var again = (await master.NextRegisterAsync()).Register;
        Assert.Equal("M-S0", again.AgentInfo.Id.Value);
        Assert.True(again.ConnectionEpoch >= 2);
        var reported = Assert.Single(again.Tasks);
        Assert.Equal("t2", reported.TaskId.Value);
        Assert.Equal(V1.TaskState.TaskRunning, reported.State);
        Assert.Equal(unacked.Uuid, reported.StatusUpdateUuid);
        Assert.Equal(FrameworkId, Assert.Single(again.Frameworks).Id.Value);

        await master.RegisteredAsync("M-S0");
        var resent = await master.NextUpdateAsync();
        Assert.Equal(unacked.Uuid, resent.Uuid);
        await master.AckAsync(resent, FrameworkId);

        await master.SendAsync(new MasterMessage
        {
            KillTask = new KillTask { FrameworkId = new V1.FrameworkID { Value = FrameworkId }, TaskId = new V1.TaskID { Value = "t2" } },
        });
        var killed = await master.NextUpdateAsync();
        Assert.Equal(V1.TaskState.TaskKilled, killed.State);
        Assert.Equal("Command terminated with signal Terminated", killed.Message);
        await master.AckAsync(killed, FrameworkId);
    }

    [Fact]
    public async Task Agent_RefusedId_ForgetsItAndRegistersAsNew()
    {
        new AgentIdStore(new AgentPaths(_dir.Path)).Save(new V1.AgentInfo { Hostname = "agent.test", Id = new V1.AgentID { Value = "OLD-S1" } });
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        Assert.Equal("OLD-S1", agent.AgentId);

        Assert.Equal("OLD-S1", (await master.NextRegisterAsync()).Register.AgentInfo.Id.Value);
        await master.SendAsync(new MasterMessage { Refused = new Refused { Message = "agent OLD-S1 was marked gone" } });

        var fresh = (await master.NextRegisterAsync()).Register;
        Assert.Null(fresh.AgentInfo.Id);
        Assert.Null(new AgentIdStore(new AgentPaths(_dir.Path)).TryRecover());
        await master.RegisteredAsync("M-S7");
        await agent.Registered.WaitAsync(Bound);
        Assert.Equal("M-S7", agent.AgentId);
        Assert.Equal("M-S7", new AgentIdStore(new AgentPaths(_dir.Path)).TryRecover());
    }

    [Fact]
    public async Task Agent_SilentMaster_IsAbandonedAfterThreePingIntervals()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master, pingInterval: TimeSpan.FromMilliseconds(200));

        await master.NextRegisterAsync();
        var second = await master.NextRegisterAsync();

        Assert.True(master.Connections >= 2);
        Assert.Null(second.Register.AgentInfo.Id);
    }

    [Fact]
    public async Task Agent_LaunchFailure_BecomesTaskFailedNotACrash()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        var run = FakeMaster.RunTask("bad", "unused");
        run.RunTask.Task.Command = new V1.CommandInfo { Shell = false, Value = "/no/such/binary" };
        await master.SendAsync(run);
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var failed = await master.NextUpdateAsync();

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal(V1.TaskStatus.Types.Reason.ContainerLaunchFailed, failed.Reason);
        Assert.Contains("/no/such/binary", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_StateFilesMetricsAndFriends_AnswerInMesosShapes()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        await agent.Registered.WaitAsync(Bound);
        await master.SendAsync(FakeMaster.RunTask("web", "echo served; sleep 300"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        Assert.Equal(V1.TaskState.TaskRunning, (await master.NextUpdateAsync()).State);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{agent.BoundPort}"), Timeout = Bound };

        var state = JsonNode.Parse(await http.GetStringAsync("/state"))!;
        Assert.Equal("M-S0", (string?)state["id"]);
        Assert.Equal($"slave(1)@127.0.0.1:{agent.BoundPort}", (string?)state["pid"]);
        Assert.Equal("agent.test", (string?)state["hostname"]);
        Assert.Equal("fake-master", (string?)state["master_hostname"]);
        Assert.Equal(2.0, (double)state["resources"]!["cpus"]!);
        Assert.Equal("[31000-31005]", (string?)state["resources"]!["ports"]);
        Assert.Equal("r1", (string?)state["attributes"]!["rack"]);
        var executor = state["frameworks"]![0]!["executors"]![0]!;
        Assert.Equal("web", (string?)executor["id"]);
        var task = executor["tasks"]![0]!;
        Assert.Equal("TASK_RUNNING", (string?)task["state"]);
        Assert.Equal("M-S0", (string?)task["slave_id"]);
        Assert.Equal(0.5, (double)task["resources"]!["cpus"]!);
        var directory = (string)executor["directory"]!;

        var jsonp = await http.GetStringAsync("/slave(1)/state.json?jsonp=cb");
        Assert.StartsWith("cb({", jsonp, StringComparison.Ordinal);
        Assert.EndsWith("});", jsonp, StringComparison.Ordinal);

        var read = await ReadUntilAsync(http, $"/files/read?path={Uri.EscapeDataString(directory + "/stdout")}&offset=0", "served\n");
        Assert.Equal(0, (long)read["offset"]!);
        var browse = JsonNode.Parse(await http.GetStringAsync($"/files/browse?path={Uri.EscapeDataString(directory)}"))!.AsArray();
        Assert.Contains(browse, e => (string?)e!["path"] == directory + "/stdout");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/files/read?path=/etc/passwd&offset=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/files/read?path={Uri.EscapeDataString(directory + "/stdout")}&offset=x")).StatusCode);

        var metrics = JsonNode.Parse(await http.GetStringAsync("/metrics/snapshot"))!;
        Assert.Equal(1.0, (double)metrics["slave/registered"]!);
        Assert.Equal(1.0, (double)metrics["slave/tasks_running"]!);
        Assert.Equal(0.5, (double)metrics["slave/cpus_used"]!);
        Assert.Equal(2.0, (double)metrics["slave/cpus_total"]!);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal("1.11.0", (string?)JsonNode.Parse(await http.GetStringAsync("/version"))!["version"]);
        Assert.Equal(_dir.Path, (string?)JsonNode.Parse(await http.GetStringAsync("/slave(1)/flags"))!["flags"]!["work_dir"]);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsListingFlags()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            AgentHost.StartAsync(new AgentOptions { Master = "zk://z:2181/mesos" }, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None));

        Assert.Contains("--master", error.Message, StringComparison.Ordinal);
        Assert.Contains("--work_dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_KillsRunningTasks()
    {
        await using var master = await FakeMaster.StartAsync();
        var agent = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        await master.SendAsync(FakeMaster.RunTask("long", "echo $$ > pid; exec sleep 300"));
        var starting = await master.NextUpdateAsync();
        await master.AckAsync(starting, FrameworkId);
        await master.NextUpdateAsync();
        var sandbox = new AgentPaths(_dir.Path).Sandbox("M-S0", FrameworkId, "long", starting.ContainerStatus.ContainerId.Value);
        var pid = (await ProcessProbe.ReadPidsAsync(Path.Combine(sandbox, "pid"), 1, Bound))[0];

        await agent.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.True(await ProcessProbe.AllDeadAsync([pid], TimeSpan.FromSeconds(5)));
    }

    public void Dispose() => _dir.Dispose();

    private async Task<AgentHost> StartAgentAsync(FakeMaster master, TimeSpan? pingInterval = null)
    {
        var options = master.AgentOptions(_dir.Path) with
        {
            Attributes = "rack:r1",
            DefaultPingInterval = pingInterval ?? new AgentOptions().DefaultPingInterval,
        };
        return await AgentHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    private static async Task<JsonNode> ReadUntilAsync(HttpClient http, string url, string expected)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var body = JsonNode.Parse(await http.GetStringAsync(url))!;
            if ((string?)body["data"] == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, (string?)body["data"]);
                return body;
            }

            await Task.Delay(50);
        }
    }
}
