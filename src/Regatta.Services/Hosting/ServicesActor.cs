using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regatta.Coordination.Store;
using Regatta.Services.Core;
using Regatta.Services.Events;
using Regatta.Services.Scheduler;
using Event = Regatta.Protocol.V1.Scheduler.Event;

namespace Regatta.Services.Hosting;

/// <summary>Starts and stops the scheduler-side health checks the core asks for.</summary>
internal interface IHealthWatcher
{
    void Watch(ServiceTask task, Model.AppDefinition app);

    void Unwatch(string taskId);

    void WatchReadiness(ServiceTask task, Model.AppDefinition app);
}

/// <summary>
/// The single loop around <see cref="ServicesCore"/>: API operations and master events queue up as work items; each
/// batch runs on the core, its store writes are committed in one transaction (durable before anyone hears of them),
/// then its effects go out (master calls, events, health checks) and the API callers get their answers. A timer
/// ticks the core once a second and at the times it asks for.
/// </summary>
internal sealed class ServicesActor : IMasterEvents, IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private readonly ServicesCore _core;
    private readonly IStateStore _store;
    private readonly EventBus _bus;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ITimer _ticker;
    private Task _loop = Task.CompletedTask;
    private long _version;

    public ServicesActor(ServicesCore core, IStateStore store, EventBus bus, TimeProvider time, ILogger logger)
    {
        _core = core;
        _store = store;
        _bus = bus;
        _time = time;
        _logger = logger;
        _ticker = time.CreateTimer(_ => Post((c, now) => c.Tick(now)), null, TickInterval, TickInterval);
    }

    public MasterLink? Link { get; set; }

    public IHealthWatcher? Health { get; set; }

    /// <summary>The master the link is subscribed to (for /v2/info), null while not subscribed.</summary>
    public string? MasterUrl { get; private set; }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>
    /// Changes before every work item that may change the core runs (read-only ones leave it): a reply rendered on the
    /// loop at version V shows every change up to V, and stays current while <see cref="Version"/> is still V.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Runs <paramref name="operation"/> on the loop; completes once its writes are durable and effects sent.</summary>
    public Task<T> RunAsync<T>(Func<ServicesCore, DateTimeOffset, T> operation) => Enqueue(operation, readOnly: false);

    /// <summary>
    /// Runs <paramref name="operation"/>, which only reads the core, on the loop (it leaves <see cref="Version"/> as
    /// it is); completes once the writes of its batch are durable.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<ServicesCore, T> operation) => Enqueue((core, _) => operation(core), readOnly: true);

    private Task<T> Enqueue<T>(Func<ServicesCore, DateTimeOffset, T> operation, bool readOnly)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(
            (core, now) =>
            {
                var result = operation(core, now);
                return () => done.TrySetResult(result);
            },
            e => done.TrySetException(e),
            readOnly);
        if (!_work.Writer.TryWrite(item))
        {
            done.TrySetException(new ObjectDisposedException(nameof(ServicesActor)));
        }

        return done.Task;
    }

    /// <summary>The framework id of the latest subscription (re-subscriptions carry it).</summary>
    public string? FrameworkId { get; private set; }

    public void Subscribed(string frameworkId, string master)
    {
        MasterUrl = master;
        FrameworkId = frameworkId;
        Post((core, now) => core.OnSubscribed(frameworkId, now));
    }

    public void Received(Event masterEvent)
    {
        switch (masterEvent.Type)
        {
            case Event.Types.Type.Offers:
                Post((core, now) => core.OnOffers([.. masterEvent.Offers.Offers_], now));
                break;
            case Event.Types.Type.Update:
                Post((core, now) => core.OnUpdate(masterEvent.Update.Status, now));
                break;
            default:
                break;
        }
    }

    public void Disconnected(string reason)
    {
        MasterUrl = null;
        Post((core, _) => core.OnDisconnected());
    }

    public async ValueTask DisposeAsync()
    {
        await _ticker.DisposeAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private void Post(Action<ServicesCore, DateTimeOffset> action) => _work.Writer.TryWrite(new WorkItem(
        (core, now) =>
        {
            action(core, now);
            return null;
        },
        null,
        ReadOnly: false));

    private async Task RunAsync()
    {
        var reader = _work.Reader;
        var batch = new List<WorkItem>();
        var completions = new List<(Action Complete, Action<Exception>? Fail)>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 256 && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            completions.Clear();
            foreach (var item in batch)
            {
                if (!item.ReadOnly)
                {
                    Interlocked.Increment(ref _version);
                }

                try
                {
                    if (item.Run(_core, _time.GetUtcNow()) is { } complete)
                    {
                        completions.Add((complete, item.Fail));
                    }
                }
                catch (Exception e)
                {
                    // One failing input must not stop the scheduler; its caller hears of the failure.
                    ServicesLog.LoopFailed(_logger, e, item.Run.Method.Name);
                    item.Fail?.Invoke(e);
                }
            }

            var (mutations, effects) = _core.Outbox.Take();
            if (mutations.Count > 0)
            {
                try
                {
                    await _store.ApplyAsync(mutations, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing of this batch may be acknowledged or acted on when it is not durable.
                    ServicesLog.LoopFailed(_logger, e, "store write");
                    foreach (var (_, fail) in completions)
                    {
                        fail?.Invoke(new StoreUnavailableException("the state store did not accept the change: " + e.Message, e));
                    }

                    continue;
                }
            }

            foreach (var effect in effects)
            {
                Perform(effect);
            }

            foreach (var (complete, _) in completions)
            {
                complete();
            }

            ScheduleNextTick();
        }
    }

    private void Perform(ServicesEffect effect)
    {
        switch (effect)
        {
            case ServicesEffect.Publish publish when publish.Event is MarathonEvent marathonEvent:
                _bus.Publish(marathonEvent);
                break;
            case ServicesEffect.WatchHealth watch:
                Health?.Watch(watch.Task, watch.App);
                break;
            case ServicesEffect.UnwatchHealth unwatch:
                Health?.Unwatch(unwatch.TaskId);
                break;
            case ServicesEffect.WatchReadiness readiness:
                Health?.WatchReadiness(readiness.Task, readiness.App);
                break;
            default:
                Link?.Perform(effect);
                break;
        }
    }

    private void ScheduleNextTick()
    {
        if (_core.NextCheckAt is { } at)
        {
            var delay = at - _time.GetUtcNow();
            if (delay < TickInterval)
            {
                _ticker.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, TickInterval);
            }
        }
    }

    /// <summary>A unit of work; what it returns runs once the batch's writes are durable (the API caller's answer).</summary>
    private sealed record WorkItem(Func<ServicesCore, DateTimeOffset, Action?> Run, Action<Exception>? Fail, bool ReadOnly);
}

/// <summary>The store refused a write: the API answers 503, as Marathon does on a store timeout.</summary>
internal sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
