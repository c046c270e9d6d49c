using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Updates;

/// <summary>The ordered, not yet acknowledged updates of one task; only the head is ever in flight.</summary>
internal sealed class StatusUpdateStream(V1.FrameworkID frameworkId)
{
    public V1.FrameworkID FrameworkId { get; } = frameworkId;

    public List<V1.TaskStatus> Pending { get; } = [];

    /// <summary>Interval to wait after the next send of the head before resending it.</summary>
    public TimeSpan RetryInterval { get; set; }

    /// <summary>When the head is due for a resend; null while nothing is in flight.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A terminal update was queued: later ones are dropped, as in Mesos.</summary>
    public bool TerminalQueued { get; set; }

    public V1.TaskStatus? Head => Pending.Count > 0 ? Pending[0] : null;

    public V1.TaskState LatestState => Pending[^1].State;
}
