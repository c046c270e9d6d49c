using Google.Protobuf;
using Regatta.Agent.Core;
using Regatta.Agent.Updates;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Updates;

public class StatusUpdateManagerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly V1.FrameworkID Framework = new() { Value = "fw" };
    private static readonly TaskKey Key = new("fw", "t1");
    private byte _nextUuid = 1;

    [Fact]
    public void Enqueue_WhileConnected_SendsOnlyTheHead()
    {
        var manager = Connected();
        var starting = Status(V1.TaskState.TaskStarting);
        var running = Status(V1.TaskState.TaskRunning);

        var first = manager.Enqueue(Framework, starting, T0);
        var second = manager.Enqueue(Framework, running, T0);

        Assert.Single(first.Send);
        Assert.Equal(starting.Uuid, first.Send[0].Status.Uuid);
        Assert.Equal(V1.TaskState.TaskStarting, first.Send[0].LatestState);
        Assert.True(second.Accepted);
        Assert.Empty(second.Send);
    }

    [Fact]
    public void Acknowledge_Head_SendsNextWithLatestState()
    {
        var manager = Connected();
        var starting = Status(V1.TaskState.TaskStarting);
        manager.Enqueue(Framework, starting, T0);
        manager.Enqueue(Framework, Status(V1.TaskState.TaskRunning), T0);
        manager.Enqueue(Framework, Status(V1.TaskState.TaskFinished), T0);

        var result = manager.Acknowledge(Key, starting.Uuid, T0);

        Assert.True(result.Matched);
        Assert.False(result.TerminalAcknowledged);
        var next = Assert.Single(result.Send);
        Assert.Equal(V1.TaskState.TaskRunning, next.Status.State);
        Assert.Equal(V1.TaskState.TaskFinished, next.LatestState);
    }

    [Fact]
    public void Acknowledge_OtherUuid_IsIgnored()
    {
        var manager = Connected();
        var starting = Status(V1.TaskState.TaskStarting);
        var running = Status(V1.TaskState.TaskRunning);
        manager.Enqueue(Framework, starting, T0);
        manager.Enqueue(Framework, running, T0);

        var result = manager.Acknowledge(Key, running.Uuid, T0);

        Assert.False(result.Matched);
        Assert.Equal(starting.Uuid, manager.Stream(Key)!.Head!.Uuid);
    }

    [Fact]
    public void Acknowledge_Terminal_ForgetsTheStream()
    {
        var manager = Connected();
        var finished = Status(V1.TaskState.TaskFinished);
        manager.Enqueue(Framework, finished, T0);

        var result = manager.Acknowledge(Key, finished.Uuid, T0);

        Assert.True(result.TerminalAcknowledged);
        Assert.False(manager.Contains(Key));
        Assert.Null(manager.NextDueAt);
    }

    [Fact]
    public void DueRetries_BacksOffDoublingUpToTheMaximum()
    {
        var manager = new StatusUpdateManager(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
        manager.Connect(T0);
        manager.Enqueue(Framework, Status(V1.TaskState.TaskRunning), T0);
        var now = T0;
        var gaps = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var due = manager.NextDueAt!.Value;
            Assert.Empty(manager.DueRetries(due - TimeSpan.FromMilliseconds(1)));
            gaps.Add((due - now).TotalSeconds);
            now = due;
            Assert.Single(manager.DueRetries(now));
        }

        Assert.Equal([10, 20, 40, 60, 60], gaps);
    }

    [Fact]
    public void Disconnect_PausesRetries_AndConnectResendsEveryHeadAtOnce()
    {
        var manager = Connected();
        manager.Enqueue(Framework, Status(V1.TaskState.TaskRunning), T0);
        manager.Enqueue(new V1.FrameworkID { Value = "fw" }, Status(V1.TaskState.TaskRunning, "t2"), T0);

        manager.Disconnect();
        Assert.Null(manager.NextDueAt);
        Assert.Empty(manager.DueRetries(T0.AddHours(1)));

        var resent = manager.Connect(T0.AddHours(1));
        Assert.Equal(2, resent.Count);
        Assert.Equal(T0.AddHours(1).AddSeconds(10), manager.NextDueAt);
    }

    [Fact]
    public void Enqueue_WhileDisconnected_SendsNothingUntilConnect()
    {
        var manager = new StatusUpdateManager(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        var starting = Status(V1.TaskState.TaskStarting);

        Assert.Empty(manager.Enqueue(Framework, starting, T0).Send);
        var sent = Assert.Single(manager.Connect(T0));
        Assert.Equal(starting.Uuid, sent.Status.Uuid);
    }

    [Fact]
    public void Enqueue_DuplicateUuidOrAfterTerminal_IsDropped()
    {
        var manager = Connected();
        var running = Status(V1.TaskState.TaskRunning);
        manager.Enqueue(Framework, running, T0);

        Assert.False(manager.Enqueue(Framework, running, T0).Accepted);
        Assert.True(manager.Enqueue(Framework, Status(V1.TaskState.TaskFailed), T0).Accepted);
        Assert.False(manager.Enqueue(Framework, Status(V1.TaskState.TaskRunning), T0).Accepted);
        Assert.Equal(2, manager.Stream(Key)!.Pending.Count);
    }

    [Fact]
    public void Enqueue_WithoutUuid_Throws()
    {
        var manager = Connected();
        var status = new V1.TaskStatus { TaskId = new V1.TaskID { Value = "t1" }, State = V1.TaskState.TaskRunning };

        Assert.Throws<ArgumentException>(() => manager.Enqueue(Framework, status, T0));
    }

    [Fact]
    public void Acknowledge_ResetsTheBackoffForTheNextHead()
    {
        var manager = Connected();
        var running = Status(V1.TaskState.TaskRunning);
        manager.Enqueue(Framework, running, T0);
        manager.Enqueue(Framework, Status(V1.TaskState.TaskFinished), T0);
        manager.DueRetries(T0.AddSeconds(10));
        manager.DueRetries(T0.AddSeconds(30));

        var now = T0.AddSeconds(31);
        manager.Acknowledge(Key, running.Uuid, now);

        Assert.Equal(now.AddSeconds(10), manager.NextDueAt);
    }

    private static StatusUpdateManager Connected()
    {
        var manager = new StatusUpdateManager(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        manager.Connect(T0);
        return manager;
    }

    private V1.TaskStatus Status(V1.TaskState state, string taskId = "t1") => new()
    {
        TaskId = new V1.TaskID { Value = taskId },
        State = state,
        Uuid = ByteString.CopyFrom(Enumerable.Repeat(_nextUuid++, 16).ToArray()),
    };
}
