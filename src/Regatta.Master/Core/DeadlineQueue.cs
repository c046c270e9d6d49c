namespace Regatta.Master.Core;

/// <summary>
/// All of the master's timers in one priority queue, so tens of thousands of agent pings cost one host timer
/// armed for the earliest entry rather than one timer each.
/// </summary>
internal sealed class DeadlineQueue
{
    private readonly PriorityQueue<Deadline, DateTimeOffset> _queue = new();

    public int Count => _queue.Count;

    public DateTimeOffset? Earliest => _queue.TryPeek(out _, out var due) ? due : null;

    public void Schedule(DateTimeOffset due, Deadline deadline) => _queue.Enqueue(deadline, due);

    /// <summary>Removes and returns the entries due at or before <paramref name="now"/>, earliest first.</summary>
    public List<Deadline> TakeDue(DateTimeOffset now)
    {
        var due = new List<Deadline>();
        while (_queue.TryPeek(out var deadline, out var at) && at <= now)
        {
            _queue.Dequeue();
            due.Add(deadline);
        }

        return due;
    }
}
