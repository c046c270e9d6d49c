using Microsoft.Extensions.Logging;
using Regatta.Services.Events;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Events;

/// <summary>Publish/subscribe: filters, order, bounded queues and the dropping of slow subscribers.</summary>
public sealed class EventBusTests
{
    private readonly RecordingLogger<EventBus> log = new();
    private readonly EventBus bus;

    public EventBusTests() => bus = new EventBus(log);

    [Fact]
    public void Publish_NoFilter_EverySubscriberGetsEveryEventInOrder()
    {
        using var first = bus.Subscribe("first");
        using var second = bus.Subscribe("second");

        for (var i = 0; i < 5; i++)
        {
            bus.Publish(Terminated(i));
        }

        Assert.Equal(["/app0", "/app1", "/app2", "/app3", "/app4"], Drain(first));
        Assert.Equal(["/app0", "/app1", "/app2", "/app3", "/app4"], Drain(second));
    }

    [Fact]
    public void Publish_EventTypeFilter_OnlyThoseTypesQueued()
    {
        using var filtered = bus.Subscribe("lb", [EventTypes.StatusUpdate, EventTypes.AppTerminated]);

        bus.Publish(new EventStreamAttachedEvent("10.0.0.1") { Timestamp = SampleEvents.At });
        bus.Publish(Terminated(1));
        bus.Publish(SampleEvents.ByFixture["status_update_event"]);
        bus.Publish(SampleEvents.ByFixture["health_status_changed_event"]);

        var types = new List<string>();
        while (filtered.Reader.TryRead(out var published))
        {
            types.Add(published.EventType);
        }

        Assert.Equal([EventTypes.AppTerminated, EventTypes.StatusUpdate], types);
    }

    [Fact]
    public void Publish_FilteredOutEvents_DoNotCountTowardCapacity()
    {
        using var filtered = bus.Subscribe("lb", [EventTypes.StatusUpdate], capacity: 2);

        for (var i = 0; i < 10; i++)
        {
            bus.Publish(Terminated(i));
        }

        Assert.Null(filtered.EndReason);
        Assert.Equal(1, bus.SubscriberCount);
    }

    [Fact]
    public void Publish_QueueFull_SubscriberDroppedWithWarningOthersUnaffected()
    {
        var slow = bus.Subscribe("10.0.0.9:4711", capacity: 3);
        using var fast = bus.Subscribe("fast", capacity: 3);

        for (var i = 0; i < 4; i++)
        {
            bus.Publish(Terminated(i));
            Drain(fast);
        }

        Assert.Equal(SubscriptionEnd.Overflow, slow.EndReason);
        Assert.True(slow.Ended.IsCancellationRequested || SpinWait.SpinUntil(() => slow.Ended.IsCancellationRequested, 5000));
        Assert.Null(fast.EndReason);
        Assert.Equal(1, bus.SubscriberCount);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(3700, warning.Id.Id);
        Assert.Contains("10.0.0.9:4711", warning.Message, StringComparison.Ordinal);

        // What was queued before the drop can still be read; then the queue is complete.
        Assert.Equal(["/app0", "/app1", "/app2"], Drain(slow));
        Assert.True(slow.Reader.Completion.IsCompleted);
        slow.Dispose();
        Assert.Equal(SubscriptionEnd.Overflow, slow.EndReason);
    }

    [Fact]
    public void Publish_AfterDrop_NothingMoreQueuedAndNoSecondWarning()
    {
        var slow = bus.Subscribe("slow", capacity: 1);

        for (var i = 0; i < 100; i++)
        {
            bus.Publish(Terminated(i));
        }

        Assert.Equal(["/app0"], Drain(slow));
        Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public void Dispose_Subscriber_RemovedAndEndedWithoutCancellingEnded()
    {
        var subscription = bus.Subscribe("client");

        subscription.Dispose();
        bus.Publish(Terminated(1));

        Assert.Equal(0, bus.SubscriberCount);
        Assert.Equal(SubscriptionEnd.Unsubscribed, subscription.EndReason);
        Assert.False(subscription.Ended.IsCancellationRequested);
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void CloseAll_EndsEverySubscriptionAndLogs()
    {
        var a = bus.Subscribe("a");
        var b = bus.Subscribe("b");

        bus.CloseAll("leadership lost");

        Assert.Equal(0, bus.SubscriberCount);
        Assert.Equal(SubscriptionEnd.Closed, a.EndReason);
        Assert.Equal(SubscriptionEnd.Closed, b.EndReason);
        Assert.True(SpinWait.SpinUntil(() => a.Ended.IsCancellationRequested && b.Ended.IsCancellationRequested, 5000));
        Assert.Contains(log.Entries, e => e.Id.Id == 3701 && e.Message.Contains("leadership lost", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_NoSubscribers_DoesNothing()
    {
        bus.Publish(Terminated(1));

        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Publish_ManyThreads_EachSubscriberSeesEveryEventOnce()
    {
        using var subscription = bus.Subscribe("all", capacity: 10_000);

        Parallel.For(0, 4000, i => bus.Publish(Terminated(i)));

        var seen = Drain(subscription);
        Assert.Equal(4000, seen.Count);
        Assert.Equal(4000, seen.Distinct().Count());
    }

    [Fact]
    public void Subscribe_CapacityBelowOne_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Subscribe("x", capacity: 0));
    }

    private static AppTerminatedEvent Terminated(int i) =>
        new(PathId.Parse("/app" + i)) { Timestamp = SampleEvents.At };

    private static List<string> Drain(EventSubscription subscription)
    {
        var ids = new List<string>();
        while (subscription.Reader.TryRead(out var published))
        {
            ids.Add(((AppTerminatedEvent)published.Event).AppId.ToString());
        }

        return ids;
    }
}
