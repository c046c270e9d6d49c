using System.Threading.Channels;

namespace Regatta.Services.Events;

/// <summary>
/// One subscriber's bounded queue on the <see cref="EventBus"/>. The subscriber reads <see cref="Reader"/> and
/// disposes the subscription when done. The bus ends it on overflow or <see cref="EventBus.CloseAll"/>: the queue then
/// completes and <see cref="Ended"/> is cancelled, so a writer stuck on a stalled socket can give up at once.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly EventBus bus;
    private readonly Channel<PublishedEvent> queue;

    // Never disposed: cancellation may still be running its callbacks on the pool when the subscriber disposes, and
    // a source without timers or wait handles holds nothing that needs releasing.
    private readonly CancellationTokenSource ended = new();

    // 0 while live, else the SubscriptionEnd + 1; set once.
    private int state;

    internal EventSubscription(EventBus bus, string name, IReadOnlySet<string> eventTypes, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.bus = bus;
        Name = name;
        EventTypes = eventTypes;
        Capacity = capacity;
        queue = Channel.CreateBounded<PublishedEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Who this is, for logs (e.g. the client's address).</summary>
    public string Name { get; }

    /// <summary>The event types wanted; empty means all.</summary>
    public IReadOnlySet<string> EventTypes { get; }

    /// <summary>Events that may wait unread before the subscriber counts as slow and is dropped.</summary>
    public int Capacity { get; }

    public ChannelReader<PublishedEvent> Reader => queue.Reader;

    /// <summary>Cancelled when the bus ends the subscription (not when the subscriber disposes it).</summary>
    public CancellationToken Ended => ended.Token;

    /// <summary>Null while the subscription is live.</summary>
    public SubscriptionEnd? EndReason
    {
        get
        {
            var current = Volatile.Read(ref state);
            return current == 0 ? null : (SubscriptionEnd)(current - 1);
        }
    }

    public bool Accepts(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType);

    public void Dispose()
    {
        bus.Remove(this);
        TryEnd(SubscriptionEnd.Unsubscribed);
    }

    /// <summary>False when the queue is full (or already ended); never waits.</summary>
    internal bool TryWrite(PublishedEvent published) => queue.Writer.TryWrite(published);

    /// <summary>Ends the subscription once; false if it had already ended.</summary>
    internal bool TryEnd(SubscriptionEnd reason)
    {
        if (Interlocked.CompareExchange(ref state, (int)reason + 1, 0) != 0)
        {
            return false;
        }

        queue.Writer.TryComplete();
        if (reason != SubscriptionEnd.Unsubscribed)
        {
            // The publisher must not run the subscriber's cancellation callbacks on its own thread.
            _ = ended.CancelAsync();
        }

        return true;
    }
}
