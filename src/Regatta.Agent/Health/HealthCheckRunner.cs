using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Health;

/// <summary>
/// Runs one task's health check on its schedule: waits (on the injected clock) until the tracker says the next
/// check is due, runs the probe bounded by the policy's timeout, and hands every decision worth acting on to
/// <paramref name="onDecision"/>. Stops after a kill decision or when disposed.
/// </summary>
internal sealed class HealthCheckRunner(
    string taskId,
    HealthCheckPolicy policy,
    IHealthProbe probe,
    TimeProvider time,
    Action<HealthDecision> onDecision,
    ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var tracker = new HealthCheckTracker(policy, time.GetUtcNow());
        try
        {
            while (!stop.IsCancellationRequested && !tracker.Finished)
            {
                var wait = tracker.NextCheckAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop).ConfigureAwait(false);
                }

                var problem = await CheckOnceAsync(stop).ConfigureAwait(false);
                if (problem is not null)
                {
                    logger.HealthCheckFailed(taskId, problem);
                }

                var decision = tracker.Record(problem is null, time.GetUtcNow());
                if (decision.ReportHealthy is { } healthy)
                {
                    logger.HealthChanged(taskId, healthy ? "healthy" : "unhealthy");
                }

                if (decision.Kill)
                {
                    logger.HealthKill(taskId, tracker.ConsecutiveFailures);
                }

                if ((decision.ReportHealthy is not null || decision.Kill) && !stop.IsCancellationRequested)
                {
                    onDecision(decision);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the task ended or is being killed.
        }
        catch (Exception e)
        {
            logger.HealthLoopFailed(e, taskId);
        }
    }

    private async Task<string?> CheckOnceAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(policy.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return await probe.CheckAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return $"timed out after {policy.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
