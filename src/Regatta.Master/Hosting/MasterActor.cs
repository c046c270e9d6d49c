using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regatta.Coordination.Store;
using Regatta.Master.Core;
using Regatta.Master.Snapshots;

namespace Regatta.Master.Hosting;

/// <summary>
/// The single reader that owns <see cref="MasterCore"/>. Commands from HTTP handlers, agent sockets and
/// timers queue up; each turn runs every queued command, then hands the turn's outbox to the commit
/// pipeline, which writes all pending registry mutations in one batch (group commit) and only then performs
/// the turn's effects in order — so nothing is acknowledged before it is durable, and the actor never waits
/// for the disk. Allocation requests are coalesced for <see cref="MasterOptions.AllocationBatchDelay"/>.
/// </summary>
internal sealed class MasterActor : IAsyncDisposable
{
    private const int MaxCommandsPerTurn = 4096;

    private readonly MasterCore _core;
    private readonly IStateStore _store;
    private readonly OperatorEventHub _hub;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Action<MasterCore, DateTimeOffset>> _commands =
        Channel.CreateUnbounded<Action<MasterCore, DateTimeOffset>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<TurnOutput> _commits = Channel.CreateUnbounded<TurnOutput>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _deadlineTimer;
    private readonly ITimer _allocationTimer;
    private readonly ITimer _intervalTimer;
    private Task _loop = Task.CompletedTask;
    private Task _committer = Task.CompletedTask;
    private DateTimeOffset? _armedDeadline;
    private bool _allocationScheduled;
    private HashSet<string>? _pendingAllocationAgents = new(StringComparer.Ordinal);
    private DateTimeOffset _allocationRequestedAt;

    public MasterActor(MasterCore core, IStateStore store, OperatorEventHub hub, TimeProvider time, ILogger logger)
    {
        _core = core;
        _store = store;
        _hub = hub;
        _time = time;
        _logger = logger;
        _deadlineTimer = time.CreateTimer(_ => Post(OnDeadlineTimer), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _allocationTimer = time.CreateTimer(_ => Post(RunAllocation), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _intervalTimer = time.CreateTimer(_ => Post(RunPeriodicAllocation), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the actor stops (shutdown or a registry failure); callers waiting for replies use it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Faults when a registry write fails: the master must not go on without durability.</summary>
    public Task Faulted => _faulted.Task;

    public void Start()
    {
        // Recovery may already have queued registry clean-ups; commit them with the first turn.
        _loop = Task.Run(RunLoopAsync);
        _committer = Task.Run(CommitLoopAsync);
        _intervalTimer.Change(_core.Options.AllocationInterval, _core.Options.AllocationInterval);
        Post((c, now) => c.Outbox.RequestAllocation(null));
    }

    /// <summary>Queues a command for the actor; false once the actor has stopped.</summary>
    public bool Post(Action<MasterCore, DateTimeOffset> command) => _commands.Writer.TryWrite(command);

    /// <summary>
    /// Runs <paramref name="query"/> on the actor and completes with its result after the effects queued
    /// before it have been performed (replies never overtake earlier sends).
    /// </summary>
    public Task<T> AskAsync<T>(Func<MasterCore, DateTimeOffset, T> query, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = Post((core, now) =>
        {
            var result = query(core, now);
            core.Outbox.Add(new MasterEffect.Reply(() => completion.TrySetResult(result)));
        });
        if (!posted)
        {
            completion.TrySetException(new ObjectDisposedException(nameof(MasterActor), "the master has stopped"));
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Subscribes to operator events with a snapshot taken in the same turn (no gap, no overlap).</summary>
    public Task<OperatorSubscription> SubscribeAsync(int capacity, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<OperatorSubscription>(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = Post((core, now) =>
        {
            var snapshot = core.Snapshot(now);
            core.Outbox.Add(new MasterEffect.Reply(() => completion.TrySetResult(_hub.Add(snapshot, capacity))));
        });
        if (!posted)
        {
            completion.TrySetException(new ObjectDisposedException(nameof(MasterActor), "the master has stopped"));
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        await _allocationTimer.DisposeAsync().ConfigureAwait(false);
        await _intervalTimer.DisposeAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _committer.ConfigureAwait(false);
        _hub.CloseAll("the master is shutting down");
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunLoopAsync()
    {
        var reader = _commands.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var now = _time.GetUtcNow();
                var handled = 0;
                while (handled < MaxCommandsPerTurn && reader.TryRead(out var command))
                {
                    handled++;
                    try
                    {
                        command(_core, now);
                    }
                    catch (Exception error)
                    {
                        // A bug in one command must not take the master down; its partial outbox still commits.
                        _logger.CommandFailed(error);
                    }
                }

                EndTurn(now);
            }
        }
        finally
        {
            _commits.Writer.TryComplete();
        }
    }

    private void EndTurn(DateTimeOffset now)
    {
        var outbox = _core.Outbox;
        if (outbox.AllocationRequested)
        {
            ScheduleAllocation(outbox.AllocationAgents, now);
        }

        if (outbox.Mutations.Count > 0 || outbox.Effects.Count > 0)
        {
            _commits.Writer.TryWrite(new TurnOutput([.. outbox.Mutations], [.. outbox.Effects]));
        }

        outbox.Clear();
        var next = _core.NextDeadline;
        if (next != _armedDeadline)
        {
            _armedDeadline = next;
            var due = next is { } at ? Max(at - now, TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
            _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void ScheduleAllocation(IReadOnlyCollection<string>? agents, DateTimeOffset now)
    {
        if (agents is null)
        {
            _pendingAllocationAgents = null;
        }
        else
        {
            _pendingAllocationAgents?.UnionWith(agents);
        }

        if (_allocationScheduled)
        {
            return;
        }

        _allocationScheduled = true;
        _allocationRequestedAt = now;
        _allocationTimer.Change(_core.Options.AllocationBatchDelay, Timeout.InfiniteTimeSpan);
    }

    private void RunAllocation(MasterCore core, DateTimeOffset now)
    {
        if (!_allocationScheduled)
        {
            return;
        }

        var agents = _pendingAllocationAgents;
        _allocationScheduled = false;
        _pendingAllocationAgents = new HashSet<string>(StringComparer.Ordinal);
        core.Allocate(now, agents, now - _allocationRequestedAt);
    }

    private void OnDeadlineTimer(MasterCore core, DateTimeOffset now)
    {
        // Forget what was armed so the end of this turn always re-arms, even if the timer fired a little early.
        _armedDeadline = null;
        core.Tick(now);
    }

    private void RunPeriodicAllocation(MasterCore core, DateTimeOffset now) => core.Allocate(now, null, TimeSpan.Zero);

    private async Task CommitLoopAsync()
    {
        var reader = _commits.Reader;
        var batch = new List<TurnOutput>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (reader.TryRead(out var turn))
            {
                batch.Add(turn);
            }

            var mutations = batch.SelectMany(t => t.Mutations).ToList();
            if (mutations.Count > 0)
            {
                try
                {
                    await _store.ApplyAsync(mutations, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    _logger.RegistryWriteFailed(error);
                    _commands.Writer.TryComplete();
                    _hub.CloseAll("the master lost its registry");
                    _faulted.TrySetException(error);
                    await _stopping.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }

            foreach (var turn in batch)
            {
                foreach (var effect in turn.Effects)
                {
                    Perform(effect);
                }
            }
        }
    }

    private void Perform(MasterEffect effect)
    {
        try
        {
            EffectPerformer.Perform(effect, _hub.Publish);
        }
        catch (Exception error)
        {
            _logger.EffectFailed(effect.GetType().Name, error);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record TurnOutput(List<StoreMutation> Mutations, List<MasterEffect> Effects);
}
