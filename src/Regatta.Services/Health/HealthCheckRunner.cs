using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Health;

/// <summary>
/// Probes running tasks on their checks' intervals and hands each result to a callback; the scheduler core folds
/// the results with <see cref="HealthStateMachine"/>. Start a task when it becomes RUNNING, stop it when it stops
/// running. The first probe comes after min(interval, 5 s), then one every interval (Marathon's schedule); a run
/// that falls due while the previous probe of the same check is still out is skipped.
/// The callback runs on timer or I/O threads, possibly at the same time for different checks: it should only post
/// the report to the core's queue. It may call <see cref="Stop"/>.
/// </summary>
internal sealed class HealthCheckRunner : IAsyncDisposable
{
    /// <summary>The longest wait before a started check's first probe.</summary>
    public static readonly TimeSpan FirstCheckAfter = TimeSpan.FromSeconds(5);

    private readonly IHealthProber prober;
    private readonly TimeProvider time;
    private readonly Action<HealthProbeReport> report;
    private readonly ILogger logger;
    private readonly TaskLoops<CheckLoop[]> tasks = new(Halt);

    public HealthCheckRunner(IHealthProber prober, TimeProvider time, Action<HealthProbeReport> report, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(report);
        this.prober = prober;
        this.time = time;
        this.report = report;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Number of tasks being checked.</summary>
    public int Count => tasks.Count;

    /// <summary>The delay before the first probe of a check with this interval.</summary>
    public static TimeSpan FirstDelay(TimeSpan interval) => interval < FirstCheckAfter ? Positive(interval) : FirstCheckAfter;

    public bool IsRunning(string taskId) => tasks.Contains(taskId);

    /// <summary>
    /// Starts checking a task; a task already being checked starts over with the new checks. False (and nothing
    /// started) once the runner is disposed, so a late start during shutdown is harmless.
    /// </summary>
    public bool Start(HealthCheckedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var loops = task.Checks.Select(check => new CheckLoop(this, task.TaskId, check)).ToArray();
        // Armed under the registry's lock: a Stop cannot slip in before the timers exist and leave them running.
        return tasks.TryAdd(task.TaskId, loops, Arm);
    }

    /// <summary>
    /// Stops checking a task. A probe still out is cancelled and its result dropped; a result already on its way
    /// may still arrive, so the consumer ignores results of tasks it has stopped.
    /// </summary>
    public bool Stop(string taskId) => tasks.Stop(taskId);

    /// <summary>Stops every task and waits for the probes still out to wind down.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var loop in tasks.Close().SelectMany(loops => loops))
        {
            await loop.Finished.ConfigureAwait(false);
        }
    }

    private static TimeSpan Positive(TimeSpan interval) => interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1);

    private static void Arm(CheckLoop[] loops)
    {
        foreach (var loop in loops)
        {
            loop.Arm();
        }
    }

    private static void Halt(CheckLoop[] loops)
    {
        foreach (var loop in loops)
        {
            loop.Halt();
        }
    }

    private void Deliver(HealthProbeReport result)
    {
        if (result.Result.Verdict == ProbeVerdict.Unhealthy)
        {
            HealthLog.ProbeFailed(logger, result.TaskId, result.CheckIndex, result.Result.Cause);
        }

        try
        {
            report(result);
        }
        catch (Exception e)
        {
            HealthLog.ReportFailed(logger, e, result.TaskId);
        }
    }

    /// <summary>The timer and the probe in flight of one check of one task.</summary>
    private sealed class CheckLoop(HealthCheckRunner runner, string taskId, TaskHealthCheck check)
    {
        private readonly CancellationTokenSource cancel = new();
        private ITimer? timer;
        private int busy;
        private volatile bool halted;
        private Task inFlight = Task.CompletedTask;

        public Task Finished => Volatile.Read(ref inFlight);

        public void Arm()
        {
            var interval = Positive(check.Interval);
            timer = runner.time.CreateTimer(static state => ((CheckLoop)state!).Tick(), this, FirstDelay(interval), interval);
        }

        public void Halt()
        {
            halted = true;
            timer?.Dispose();
            cancel.Cancel();
        }

        private void Tick()
        {
            if (halted)
            {
                return;
            }

            if (Interlocked.Exchange(ref busy, 1) == 1)
            {
                HealthLog.ProbeSkipped(runner.logger, taskId, check.Index);
                return;
            }

            Volatile.Write(ref inFlight, RunAsync());
        }

        private async Task RunAsync()
        {
            ProbeResult result;
            try
            {
                result = check.Target is { } target
                    ? await runner.prober.ProbeAsync(target, cancel.Token).ConfigureAwait(false)
                    : ProbeResult.Unhealthy(runner.time.GetUtcNow(), check.Problem ?? HealthTargets.NoEffectivePort);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Stopped while probing: the result no longer matters.
                return;
            }
            catch (Exception e)
            {
                HealthLog.ProbeCrashed(runner.logger, e, taskId, check.Index);
                return;
            }
            finally
            {
                // Free before the report goes out, so a tick right after the consumer saw it is not skipped.
                Volatile.Write(ref busy, 0);
            }

            if (!halted)
            {
                runner.Deliver(new HealthProbeReport(taskId, check.Index, result));
            }
        }
    }
}
