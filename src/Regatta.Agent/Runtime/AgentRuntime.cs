using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Agent.Logging;
using Regatta.Agent.Paths;

namespace Regatta.Agent.Runtime;

/// <summary>
/// The shell around <see cref="AgentCore"/>: one loop reads <see cref="AgentInput"/>s from a channel, feeds them to the
/// core and performs the effects (messages to the master, container launches and kills, checkpoints, the status update
/// retry timer). After each batch it publishes a fresh <see cref="AgentSnapshot"/> for the HTTP endpoints.
/// </summary>
internal sealed partial class AgentRuntime : IAgentInbox, IAsyncDisposable
{
    private readonly AgentCore _core;
    private readonly IContainerizer _containerizer;
    private readonly AgentIdStore _idStore;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<AgentInput> _inputs = Channel.CreateUnbounded<AgentInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, ContainerHandle> _handles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _containers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _retryTimer;
    private readonly Health.HealthCheckSupervisor _health;
    private readonly Fetcher.UriFetcher _fetcher;
    private readonly List<AgentEffect.Reattach> _reattach = [];
    private IMasterSession? _session;
    private DateTimeOffset? _retryArmedFor;
    private long _publishedVersion = -1;
    private bool _announceRegistered;
    private volatile AgentSnapshot _snapshot = AgentSnapshot.Empty;
    private Task _loop = Task.CompletedTask;

    public AgentRuntime(AgentCore core, IContainerizer containerizer, AgentIdStore idStore, TimeProvider time, ILogger logger, Fetcher.UriFetcher? fetcher = null)
    {
        _core = core;
        _containerizer = containerizer;
        _idStore = idStore;
        _time = time;
        _logger = logger;
        _retryTimer = time.CreateTimer(_ => Post(new AgentInput.RetryTimerFired()), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _health = new Health.HealthCheckSupervisor(this, time, logger);
        var defaults = new AgentOptions();
        _fetcher = fetcher ?? Fetcher.UriFetcher.Create(defaults.FetcherCacheDir, defaults.FetcherCacheSize, time, logger);
        _snapshot = core.Snapshot();
    }

    public AgentSnapshot Snapshot => _snapshot;

    /// <summary>Completes on the first Registered from a master.</summary>
    public Task Registered => _registered.Task;

    public void Start() => _loop = Task.Run(RunLoopAsync);

    public void Post(AgentInput input) => _inputs.Writer.TryWrite(input);

    /// <summary>Kills every task (grace capped at <paramref name="graceCap"/>) and waits, bounded, for the containers to end
    /// so their last status updates can still leave.</summary>
    public async Task KillAllAsync(TimeSpan graceCap, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new AgentInput.KillAll(graceCap, done));
        try
        {
            await done.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(_containers.Values).WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Shutdown must finish; a container that ignores SIGKILL (stuck in D state) is left behind.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inputs.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _retryTimer.DisposeAsync().ConfigureAwait(false);
        await _health.DisposeAsync().ConfigureAwait(false);
        _fetcher.Dispose();
        _stopping.Dispose();
    }

    private async Task RunLoopAsync()
    {
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var input))
            {
                try
                {
                    Handle(input);
                }
                catch (Exception e)
                {
                    // One bad input must not stop the agent; the state machine stays consistent per input.
                    _logger.LoopFailed(e, input.GetType().Name);
                }
            }

            Publish();
        }
    }

    private void Handle(AgentInput input)
    {
        var now = _time.GetUtcNow();
        switch (input)
        {
            case AgentInput.Connected connected:
                _session = connected.Session;
                connected.Session.TrySend(_core.BuildRegister(connected.Epoch));
                break;
            case AgentInput.Disconnected disconnected when ReferenceEquals(disconnected.Session, _session):
                _session = null;
                _core.Disconnected();
                _logger.Disconnected(disconnected.Reason);
                break;
            case AgentInput.FrameReceived frame when ReferenceEquals(frame.Session, _session):
                foreach (var message in frame.Frame.Messages)
                {
                    Execute(_core.Handle(message, now));
                }

                break;
            case AgentInput.ContainerStarted started:
                _handles[started.Handle.ContainerId] = started.Handle;
                Execute(_core.ContainerStarted(started.Task, started.Handle.ContainerId, started.Handle.Pid, now, started.Handle.StartTime));
                break;
            case AgentInput.ContainerLaunchFailed failed:
                Execute(_core.ContainerLaunchFailed(failed.Task, failed.ContainerId, failed.Message, now));
                break;
            case AgentInput.ContainerExited exited:
                _handles.Remove(exited.ContainerId);
                _health.Stop(exited.ContainerId);
                Execute(_core.ContainerExited(exited.Task, exited.ContainerId, exited.Exit, now));
                break;
            case AgentInput.TaskHealthChanged health:
                Execute(_core.TaskHealthChanged(health.Task, health.ContainerId, health.Healthy, health.Kill, now));
                break;
            case AgentInput.RetryTimerFired:
                _retryArmedFor = null;
                Execute(_core.RetryDue(now));
                break;
            case AgentInput.KillAll killAll:
                _logger.Stopping(_core.LiveTaskCount);
                Execute(_core.KillAll(killAll.GraceCap, now));
                killAll.Done.TrySetResult(_containers.Count);
                break;
            default:
                break;
        }
    }

    private void Publish()
    {
        if (_core.Version != _publishedVersion)
        {
            _publishedVersion = _core.Version;
            _snapshot = _core.Snapshot();
        }

        if (_announceRegistered)
        {
            _announceRegistered = false;
            _registered.TrySetResult();
        }

        var due = _core.NextRetryAt;
        if (due != _retryArmedFor)
        {
            _retryArmedFor = due;
            var delay = due is { } at ? at - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            _retryTimer.Change(delay < TimeSpan.Zero && due is not null ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }
    }
}
