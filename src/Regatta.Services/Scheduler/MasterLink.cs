using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regatta.Framework;
using Regatta.Services.Core;
using Event = Regatta.Protocol.V1.Scheduler.Event;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Scheduler;

/// <summary>What the master link reports to the scheduler's loop.</summary>
internal interface IMasterEvents
{
    void Subscribed(string frameworkId, string master);

    void Received(Event masterEvent);

    void Disconnected(string reason);
}

/// <summary>
/// The services scheduler's link to the master, through the public v1 Scheduler API only: subscribes (with the
/// stored framework id, so a restart keeps the tasks), pumps events to the loop, re-subscribes with backoff when the
/// stream ends or goes silent for three heartbeats, and performs the core's calls on the live subscription.
/// </summary>
internal sealed class MasterLink(Uri master, Func<V1.FrameworkInfo> frameworkInfo, IMasterEvents events, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private volatile SchedulerConnection? _connection;
    private readonly Channel<ServicesEffect> _offerCalls = Channel.CreateUnbounded<ServicesEffect>(new UnboundedChannelOptions { SingleReader = true });
    private Task _loop = Task.CompletedTask;
    private Task _offerSender = Task.CompletedTask;

    public void Start()
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token));
        _offerSender = Task.Run(() => SendOfferCallsAsync(_stopping.Token));
    }

    /// <summary>
    /// Sends a call on the current subscription; failures are logged (reconciliation repairs what was lost). Calls
    /// that shape what the master offers (ACCEPT, DECLINE, REVIVE, SUPPRESS) go one after another in the order the
    /// core made them: sent concurrently, a REVIVE could overtake the SUPPRESS or the long DECLINE before it and
    /// leave waiting tasks without offers.
    /// </summary>
    public void Perform(ServicesEffect effect)
    {
        if (effect is ServicesEffect.Launch or ServicesEffect.Decline or ServicesEffect.Revive or ServicesEffect.Suppress)
        {
            _offerCalls.Writer.TryWrite(effect);
            return;
        }

        var connection = _connection;
        if (connection is not null)
        {
            _ = ObserveAsync(Call(connection, effect), effect.GetType().Name);
        }
    }

    private async Task SendOfferCallsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var effect in _offerCalls.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var connection = _connection;
                if (connection is not null)
                {
                    await ObserveAsync(Call(connection, effect), effect.GetType().Name).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task Call(SchedulerConnection connection, ServicesEffect effect)
    {
        return effect switch
        {
            ServicesEffect.Launch launch => connection.LaunchAsync([launch.OfferId], launch.Tasks, launch.RefuseSeconds, _stopping.Token),
            ServicesEffect.Decline decline => connection.DeclineAsync(decline.OfferIds, decline.RefuseSeconds, _stopping.Token),
            ServicesEffect.Kill kill => connection.KillAsync(
                new V1.TaskID { Value = kill.TaskId }, kill.AgentId is null ? null : new V1.AgentID { Value = kill.AgentId }, _stopping.Token),
            ServicesEffect.Acknowledge ack => connection.AcknowledgeAsync(ack.Status, _stopping.Token),
            ServicesEffect.Reconcile reconcile => connection.ReconcileAsync(
                reconcile.Tasks.Select(t => (new V1.TaskID { Value = t.TaskId }, t.AgentId is null ? null : new V1.AgentID { Value = t.AgentId })),
                _stopping.Token),
            ServicesEffect.Revive => connection.ReviveAsync(cancellationToken: _stopping.Token),
            ServicesEffect.Suppress => connection.SuppressAsync(cancellationToken: _stopping.Token),
            _ => Task.CompletedTask,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _offerCalls.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
            await _offerSender.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // The loop owns the connection (await using): once the loop has ended it is closed, and closing it a second
        // time would throw (its token source is disposed).
        _connection = null;
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = MinBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                await using var connection = await SchedulerConnection.SubscribeAsync(master, frameworkInfo(), cancellationToken: cancellationToken).ConfigureAwait(false);
                _connection = connection;
                backoff = MinBackoff;
                ServicesLog.Subscribed(logger, connection.Endpoint.ToString(), connection.FrameworkId.Value);
                events.Subscribed(connection.FrameworkId.Value, connection.Endpoint.GetLeftPart(UriPartial.Authority));
                reason = await PumpAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SchedulerCallException or OperationCanceledException or InvalidOperationException)
            {
                reason = e.Message;
            }

            _connection = null;
            events.Disconnected(reason);
            ServicesLog.MasterLost(logger, reason, backoff);
            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    private async Task<string> PumpAsync(SchedulerConnection connection, CancellationToken cancellationToken)
    {
        var silence = connection.HeartbeatInterval > TimeSpan.Zero ? connection.HeartbeatInterval * 3 : TimeSpan.FromSeconds(45);
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(silence);
            try
            {
                if (!await connection.Events.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return "the master closed the event stream";
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"no event from the master for {silence.TotalSeconds:0} s";
            }

            while (connection.Events.TryRead(out var masterEvent))
            {
                if (masterEvent.Type == Event.Types.Type.Error)
                {
                    ServicesLog.FrameworkError(logger, masterEvent.Error?.Message ?? "");
                }

                events.Received(masterEvent);
            }
        }
    }

    private async Task ObserveAsync(Task call, string name)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SchedulerCallException or OperationCanceledException or InvalidOperationException)
        {
            ServicesLog.CallFailed(logger, name, e.Message);
        }
    }
}
