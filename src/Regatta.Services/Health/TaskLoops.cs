using System.Diagnostics.CodeAnalysis;

namespace Regatta.Services.Health;

/// <summary>
/// The loops a runner keeps, one entry per task id, behind one lock: a task started again has its old loop halted
/// and replaced; once closed, nothing more is taken, so a late start during shutdown is harmless. The runners own
/// what a loop does; this only keeps them and halts what leaves.
/// </summary>
internal sealed class TaskLoops<TLoop>(Action<TLoop> halt)
    where TLoop : class
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TLoop> running = new(StringComparer.Ordinal);
    private bool closed;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return running.Count;
            }
        }
    }

    public bool Contains(string taskId)
    {
        lock (gate)
        {
            return running.ContainsKey(taskId);
        }
    }

    /// <summary>
    /// Puts in the task's loop, halting the one it replaces; <paramref name="whileLocked"/> runs before the lock is
    /// released, so a concurrent <see cref="Stop"/> cannot come between putting the loop in and starting it. False,
    /// and nothing put in, once closed.
    /// </summary>
    public bool TryAdd(string taskId, TLoop loop, Action<TLoop>? whileLocked = null)
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            if (running.Remove(taskId, out var old))
            {
                halt(old);
            }

            running[taskId] = loop;
            whileLocked?.Invoke(loop);
        }

        return true;
    }

    /// <summary>Takes the task's loop out and halts it; false when the task has none.</summary>
    public bool Stop(string taskId)
    {
        if (!TryRemove(taskId, out var loop))
        {
            return false;
        }

        halt(loop);
        return true;
    }

    /// <summary>Takes out a loop that ended on its own, unless a newer one has replaced it.</summary>
    public void Forget(string taskId, TLoop loop)
    {
        lock (gate)
        {
            if (running.TryGetValue(taskId, out var current) && ReferenceEquals(current, loop))
            {
                running.Remove(taskId);
            }
        }
    }

    /// <summary>Closes, takes every loop out and halts it; returns them, for waiting until they wind down.</summary>
    public TLoop[] Close()
    {
        TLoop[] all;
        lock (gate)
        {
            closed = true;
            all = [.. running.Values];
            running.Clear();
        }

        foreach (var loop in all)
        {
            halt(loop);
        }

        return all;
    }

    private bool TryRemove(string taskId, [NotNullWhen(true)] out TLoop? loop)
    {
        lock (gate)
        {
            return running.Remove(taskId, out loop);
        }
    }
}
