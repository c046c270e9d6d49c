using System.Threading.Channels;
using MasterEvent = Regatta.Protocol.V1.Master.Event;

namespace Regatta.Master.Snapshots;

/// <summary>
/// An operator event subscription (v1 operator SUBSCRIBE): <see cref="Snapshot"/> is the state at the moment
/// of subscribing and <see cref="Events"/> carries every change after it, in order, with none missed or
/// repeated (TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED/UPDATED/REMOVED; never
/// SUBSCRIBED or HEARTBEAT, which the endpoint writes itself). Events are published only after the state
/// change they describe is durable. A subscriber that falls more than its capacity behind, or that is the
/// oldest when the subscriber limit is exceeded, is dropped: <see cref="Events"/> then completes with an
/// <see cref="OperatorSubscriptionClosedException"/>. Dispose to unsubscribe.
/// </summary>
internal sealed class OperatorSubscription : IDisposable
{
    private readonly Channel<MasterEvent> _channel;
    private readonly Action<OperatorSubscription> _unsubscribe;
    private int _disposed;

    internal OperatorSubscription(MasterSnapshot snapshot, int capacity, Action<OperatorSubscription> unsubscribe)
    {
        Snapshot = snapshot;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<MasterEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public MasterSnapshot Snapshot { get; }

    public ChannelReader<MasterEvent> Events => _channel.Reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }

    /// <summary>Queues an event; returns false (and closes the subscription) when the subscriber is too slow.</summary>
    internal bool TryPublish(MasterEvent masterEvent)
    {
        if (_channel.Writer.TryWrite(masterEvent))
        {
            return true;
        }

        Close("subscriber fell too far behind the master's event stream");
        return false;
    }

    internal void Close(string reason) => _channel.Writer.TryComplete(new OperatorSubscriptionClosedException(reason));
}
