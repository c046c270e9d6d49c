using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Paths;
using Regatta.Agent.Runtime;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Testing;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Runtime;

public sealed class AgentRuntimeTests : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new();
    private readonly FakeContainerizer _containerizer = new();
    private readonly CoreHarness _harness = new();
    private readonly AgentRuntime _runtime;

    public AgentRuntimeTests()
    {
        _runtime = new AgentRuntime(_harness.Core, _containerizer, new AgentIdStore(new AgentPaths(_dir.Path)), _time, NullLogger.Instance);
        _runtime.Start();
    }

    [Fact]
    public async Task RetryTimer_ResendsTheUnacknowledgedHeadWithBackoff()
    {
        var session = await RegisterAsync();
        _runtime.Post(new AgentInput.FrameReceived(session, Frame(RunTask("t1"))));
        var sent = await session.WaitForAsync(s => Updates(s).Count == 1);
        var starting = Updates(sent)[0];

        await AdvanceWhenArmedAsync(TimeSpan.FromSeconds(10));
        await session.WaitForAsync(s => Updates(s).Count == 2);
        await AdvanceWhenArmedAsync(TimeSpan.FromSeconds(19));
        await Task.Delay(100);
        Assert.Equal(2, Updates(session.Sent).Count);
        await AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));
        sent = await session.WaitForAsync(s => Updates(s).Count == 3);

        Assert.All(Updates(sent), u => Assert.Equal(starting.Uuid, u.Uuid));
    }

    [Fact]
    public async Task Reconnect_SendsRegisterWithTasks_ThenResendsHeadsAfterRegistered()
    {
        var first = await RegisterAsync();
        _runtime.Post(new AgentInput.FrameReceived(first, Frame(RunTask("t1"))));
        var starting = Updates(await first.WaitForAsync(s => Updates(s).Count == 1))[0];
        _runtime.Post(new AgentInput.Disconnected(first, "test"));

        var second = new RecordingSession();
        _runtime.Post(new AgentInput.Connected(second, 2));
        var register = (await second.WaitForAsync(s => s.Count == 1))[0].Register;
        Assert.Equal("M-S0", register.AgentInfo.Id.Value);
        Assert.Equal("t1", Assert.Single(register.Tasks).TaskId.Value);
        Assert.Empty(Updates(second.Sent));

        _runtime.Post(new AgentInput.FrameReceived(second, Frame(Registered())));
        var resent = Updates(await second.WaitForAsync(s => Updates(s).Count == 1))[0];
        Assert.Equal(starting.Uuid, resent.Uuid);
    }

    [Fact]
    public async Task FramesFromAStaleSession_AreIgnored()
    {
        var first = await RegisterAsync();
        _runtime.Post(new AgentInput.Disconnected(first, "test"));
        var second = new RecordingSession();
        _runtime.Post(new AgentInput.Connected(second, 2));
        await second.WaitForAsync(s => s.Count == 1);

        _runtime.Post(new AgentInput.FrameReceived(first, Frame(new MasterMessage { Ping = new Ping { Sequence = 1 } })));
        _runtime.Post(new AgentInput.FrameReceived(second, Frame(new MasterMessage { Ping = new Ping { Sequence = 2 } })));

        var sent = await second.WaitForAsync(s => s.Any(m => m.Pong is not null));
        Assert.Equal(2UL, Assert.Single(sent, m => m.Pong is not null).Pong.Sequence);
        Assert.DoesNotContain(first.Sent, m => m.Pong is not null);
    }

    [Fact]
    public async Task KillAllAsync_KillsRunningContainers()
    {
        var session = await RegisterAsync();
        _runtime.Post(new AgentInput.FrameReceived(session, Frame(RunTask("t1"))));
        await session.WaitForAsync(s => Updates(s).Count == 1);
        await WaitUntilAsync(() => _runtime.Snapshot.LiveTaskStates.ContainsKey(V1.TaskState.TaskRunning));

        await _runtime.KillAllAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), CancellationToken.None);

        var kill = Assert.Single(_containerizer.Kills);
        Assert.Equal(TimeSpan.FromSeconds(1), kill.Grace);
    }

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<RecordingSession> RegisterAsync()
    {
        var session = new RecordingSession();
        _runtime.Post(new AgentInput.Connected(session, 1));
        await session.WaitForAsync(s => s.Count == 1 && s[0].Register is not null);
        _runtime.Post(new AgentInput.FrameReceived(session, Frame(Registered())));
        await _runtime.Registered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(15), session.PingInterval);
        Assert.Equal("M-S0", _runtime.Snapshot.AgentId);
        return session;
    }

    private async Task AdvanceWhenArmedAsync(TimeSpan by)
    {
        await WaitUntilAsync(() => _time.ActiveTimerCount > 0);
        _time.Advance(by);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(10);
        }
    }

    private static List<V1.TaskStatus> Updates(IEnumerable<AgentMessage> sent) =>
        [.. sent.Where(m => m.StatusUpdate is not null).Select(m => m.StatusUpdate.Status)];

    private static MasterFrame Frame(params MasterMessage[] messages)
    {
        var frame = new MasterFrame();
        frame.Messages.AddRange(messages);
        return frame;
    }

    private static MasterMessage Registered() => new()
    {
        Registered = new Registered
        {
            AgentId = new V1.AgentID { Value = "M-S0" },
            MasterInfo = new V1.MasterInfo { Id = "M", Ip = 1, Port = 5050 },
            PingIntervalSeconds = 15,
        },
    };

    private static MasterMessage RunTask(string id) => new()
    {
        RunTask = new RunTask { Framework = CoreHarness.Framework(), Task = CoreHarness.CommandTask(id) },
    };
}
