using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Events;

/// <summary>
/// In-process publish/subscribe for Marathon events. <see cref="Publish"/> never waits and never throws for a
/// subscriber's sake: each subscriber has a bounded queue, and one whose queue is full is dropped with a warning
/// (Marathon closes a slow <c>/v2/events</c> consumer the same way), so neither the scheduler nor memory suffers.
/// Events matching no subscriber's filter are not queued.
/// </summary>
internal sealed class EventBus
{
    /// <summary>Marathon's <c>--event_stream_max_outstanding_messages</c> default.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ILogger logger;
    private readonly object gate = new();

    // Copy-on-write under the gate; Publish reads the current array without locking.
    private EventSubscription[] subscribers = [];

    public EventBus(ILogger<EventBus>? logger = null) => this.logger = (ILogger?)logger ?? NullLogger.Instance;

    public int SubscriberCount => Volatile.Read(ref subscribers).Length;

    /// <summary>
    /// A new subscriber for <paramref name="eventTypes"/> (null or empty: all), queueing at most
    /// <paramref name="capacity"/> unread events.
    /// </summary>
    public EventSubscription Subscribe(string name, IEnumerable<string>? eventTypes = null, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(name);
        var types = eventTypes?.ToFrozenSet(StringComparer.Ordinal) ?? FrozenSet<string>.Empty;
        var subscription = new EventSubscription(this, name, types, capacity);
        lock (gate)
        {
            Volatile.Write(ref subscribers, [.. subscribers, subscription]);
        }

        return subscription;
    }

    /// <summary>Hands the event to every subscriber that wants it, in the order <c>Publish</c> is called.</summary>
    public void Publish(MarathonEvent marathonEvent)
    {
        ArgumentNullException.ThrowIfNull(marathonEvent);
        var current = Volatile.Read(ref subscribers);
        if (current.Length == 0)
        {
            return;
        }

        var published = new PublishedEvent(marathonEvent);
        foreach (var subscription in current)
        {
            if (!subscription.Accepts(marathonEvent.EventType) || subscription.TryWrite(published))
            {
                continue;
            }

            if (subscription.TryEnd(SubscriptionEnd.Overflow))
            {
                Remove(subscription);
                logger.SlowSubscriberDropped(subscription.Name, subscription.Capacity, marathonEvent.EventType);
            }
        }
    }

    /// <summary>Ends every subscription (their streams close); for losing leadership or shutting down.</summary>
    public void CloseAll(string reason)
    {
        EventSubscription[] closing;
        lock (gate)
        {
            closing = subscribers;
            Volatile.Write(ref subscribers, []);
        }

        if (closing.Length == 0)
        {
            return;
        }

        logger.ClosingAll(closing.Length, reason);
        foreach (var subscription in closing)
        {
            subscription.TryEnd(SubscriptionEnd.Closed);
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (gate)
        {
            Volatile.Write(ref subscribers, Array.FindAll(subscribers, s => s != subscription));
        }
    }
}
