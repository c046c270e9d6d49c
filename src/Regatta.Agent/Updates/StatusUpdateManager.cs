using Google.Protobuf;
using Regatta.Agent.Core;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Updates;

/// <summary>
/// Reliable delivery of status updates (agent protocol §4, Mesos <c>TaskStatusUpdateManager</c>): one stream per task,
/// only its head in flight, the head resent after <c>min</c>, doubling up to <c>max</c>, while the agent is registered;
/// every head resent at once after (re)registration; the head popped when its uuid is acknowledged; the stream forgotten
/// once its terminal update is acknowledged. Pure: time comes in as arguments, messages to send come out as results.
/// </summary>
internal sealed class StatusUpdateManager(TimeSpan retryMin, TimeSpan retryMax)
{
    private readonly Dictionary<TaskKey, StatusUpdateStream> _streams = [];

    /// <summary>Sending is possible (the agent is registered with a master).</summary>
    public bool IsConnected { get; private set; }

    public IReadOnlyCollection<TaskKey> Tasks => _streams.Keys;

    /// <summary>Earliest time a head is due for a resend; null when nothing waits (or while disconnected).</summary>
    public DateTimeOffset? NextDueAt => IsConnected
        ? _streams.Values.Select(s => s.NextAttemptAt).Where(t => t is not null).Min()
        : null;

    public bool Contains(TaskKey key) => _streams.ContainsKey(key);

    public StatusUpdateStream? Stream(TaskKey key) => _streams.GetValueOrDefault(key);

    /// <summary>Queues <paramref name="status"/> (which must carry a uuid). Returns what to send now: the new update
    /// when it became the head while connected, or, when it queued behind the head, nothing. Updates after a terminal
    /// one and duplicates (same uuid) are dropped: the result is then <see cref="EnqueueResult.Dropped"/>.</summary>
    public EnqueueResult Enqueue(V1.FrameworkID frameworkId, V1.TaskStatus status, DateTimeOffset now)
    {
        if (!status.HasUuid || status.Uuid.IsEmpty)
        {
            throw new ArgumentException("agent status updates must carry a uuid", nameof(status));
        }

        var key = new TaskKey(frameworkId.Value, status.TaskId.Value);
        if (!_streams.TryGetValue(key, out var stream))
        {
            stream = new StatusUpdateStream(frameworkId) { RetryInterval = retryMin };
            _streams.Add(key, stream);
        }

        if (stream.TerminalQueued || stream.Pending.Any(s => s.Uuid.Equals(status.Uuid)))
        {
            return EnqueueResult.Dropped;
        }

        stream.Pending.Add(status);
        stream.TerminalQueued = TaskStates.IsTerminal(status.State);
        if (stream.Pending.Count == 1 && IsConnected)
        {
            return new EnqueueResult(true, [SendHead(stream, now)]);
        }

        return new EnqueueResult(true, []);
    }

    /// <summary>Applies an acknowledgement. Acks for anything but the head's uuid are ignored (<c>Matched</c> false).</summary>
    public AckResult Acknowledge(TaskKey key, ByteString uuid, DateTimeOffset now)
    {
        if (!_streams.TryGetValue(key, out var stream) || stream.Head is not { } head || !head.Uuid.Equals(uuid))
        {
            return AckResult.Ignored;
        }

        stream.Pending.RemoveAt(0);
        stream.NextAttemptAt = null;
        stream.RetryInterval = retryMin;
        var terminalAcked = TaskStates.IsTerminal(head.State);
        if (stream.Pending.Count == 0)
        {
            if (terminalAcked)
            {
                _streams.Remove(key);
            }

            return new AckResult(true, head, terminalAcked, []);
        }

        return new AckResult(true, head, terminalAcked, IsConnected ? [SendHead(stream, now)] : []);
    }

    /// <summary>The agent (re)registered: every head goes out now and its retry schedule restarts at the minimum.</summary>
    public IReadOnlyList<StatusUpdate> Connect(DateTimeOffset now)
    {
        IsConnected = true;
        var sends = new List<StatusUpdate>();
        foreach (var stream in _streams.Values.Where(s => s.Pending.Count > 0))
        {
            stream.RetryInterval = retryMin;
            sends.Add(SendHead(stream, now));
        }

        return sends;
    }

    /// <summary>The master is gone: retries pause until <see cref="Connect"/>.</summary>
    public void Disconnect() => IsConnected = false;

    /// <summary>Resends every head whose retry time has come, doubling its interval (capped at the maximum).</summary>
    public IReadOnlyList<StatusUpdate> DueRetries(DateTimeOffset now)
    {
        if (!IsConnected)
        {
            return [];
        }

        var sends = new List<StatusUpdate>();
        foreach (var stream in _streams.Values)
        {
            if (stream.NextAttemptAt is { } due && due <= now && stream.Pending.Count > 0)
            {
                sends.Add(SendHead(stream, now));
            }
        }

        return sends;
    }

    /// <summary>Agent recovery: puts back a task's checkpointed, unacknowledged updates (head first); they go out on
    /// the next <see cref="Connect"/>.</summary>
    public void Restore(V1.FrameworkID frameworkId, string taskId, IEnumerable<V1.TaskStatus> pending)
    {
        var stream = new StatusUpdateStream(frameworkId) { RetryInterval = retryMin };
        stream.Pending.AddRange(pending.Where(s => s.HasUuid && !s.Uuid.IsEmpty));
        if (stream.Pending.Count == 0)
        {
            return;
        }

        stream.TerminalQueued = stream.Pending.Any(s => TaskStates.IsTerminal(s.State));
        _streams[new TaskKey(frameworkId.Value, taskId)] = stream;
    }

    /// <summary>Drops a task's stream without delivering it (the agent was refused and starts over).</summary>
    public void Forget(TaskKey key) => _streams.Remove(key);

    public void ForgetAll() => _streams.Clear();

    private StatusUpdate SendHead(StatusUpdateStream stream, DateTimeOffset now)
    {
        stream.NextAttemptAt = now + stream.RetryInterval;
        var doubled = stream.RetryInterval * 2;
        stream.RetryInterval = doubled > retryMax ? retryMax : doubled;
        return new StatusUpdate
        {
            FrameworkId = stream.FrameworkId,
            Status = stream.Head,
            LatestState = stream.LatestState,
        };
    }
}
