using MasterEvent = Regatta.Protocol.V1.Master.Event;

namespace Regatta.Master.Snapshots;

/// <summary>
/// Fans operator events out to subscribers. Subscribing and publishing both happen on the master's commit
/// pipeline (in the same order as the state changes), which is what keeps snapshot + events gap-free.
/// </summary>
internal sealed class OperatorEventHub
{
    private readonly Lock _gate = new();
    private readonly LinkedList<OperatorSubscription> _subscribers = new();
    private readonly int _maxSubscribers;

    public OperatorEventHub(int maxSubscribers) => _maxSubscribers = Math.Max(1, maxSubscribers);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public OperatorSubscription Add(MasterSnapshot snapshot, int capacity)
    {
        var subscription = new OperatorSubscription(snapshot, Math.Max(16, capacity), Remove);
        OperatorSubscription? evicted = null;
        lock (_gate)
        {
            _subscribers.AddLast(subscription);
            if (_subscribers.Count > _maxSubscribers)
            {
                evicted = _subscribers.First!.Value;
                _subscribers.RemoveFirst();
            }
        }

        evicted?.Close("too many operator event subscribers; the oldest was closed");
        return subscription;
    }

    public void Publish(MasterEvent masterEvent)
    {
        OperatorSubscription[] targets;
        lock (_gate)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }

            targets = [.. _subscribers];
        }

        foreach (var subscription in targets)
        {
            if (!subscription.TryPublish(masterEvent))
            {
                Remove(subscription);
            }
        }
    }

    public void CloseAll(string reason)
    {
        OperatorSubscription[] targets;
        lock (_gate)
        {
            targets = [.. _subscribers];
            _subscribers.Clear();
        }

        foreach (var subscription in targets)
        {
            subscription.Close(reason);
        }
    }

    private void Remove(OperatorSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
