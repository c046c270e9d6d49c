using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Health;

/// <summary>
/// Polls the readiness check of new tasks during a deployment and hands every result to a callback (for
/// <c>readinessCheckResults</c> and deployment progress). The first query goes out at once; the next one an
/// interval after each not-ready answer; the first ready answer is the last, and the task leaves the runner.
/// The callback runs on timer or I/O threads and may call <see cref="Stop"/>.
/// </summary>
internal sealed class ReadinessCheckRunner : IAsyncDisposable
{
    private readonly IReadinessProber prober;
    private readonly TimeProvider time;
    private readonly Action<ReadinessResult> report;
    private readonly ILogger logger;
    private readonly TaskLoops<PollLoop> tasks = new(loop => loop.Halt());

    public ReadinessCheckRunner(IReadinessProber prober, TimeProvider time, Action<ReadinessResult> report, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(report);
        this.prober = prober;
        this.time = time;
        this.report = report;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Number of tasks not ready yet and still polled.</summary>
    public int Count => tasks.Count;

    public bool IsRunning(string taskId) => tasks.Contains(taskId);

    /// <summary>
    /// Starts polling a task (over again if it was being polled); the first query starts before this returns.
    /// False (and nothing started) once the runner is disposed.
    /// </summary>
    public bool Start(ReadinessTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var loop = new PollLoop(this, target);
        if (!tasks.TryAdd(target.TaskId, loop))
        {
            return false;
        }

        // Not under the registry's lock: the first query may answer, and the callback run, before Begin returns.
        loop.Begin();
        return true;
    }

    /// <summary>Stops polling a task (a deployment ended or the task went away).</summary>
    public bool Stop(string taskId) => tasks.Stop(taskId);

    /// <summary>Stops every poll and waits for the queries still out to wind down.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var loop in tasks.Close())
        {
            await loop.Finished.ConfigureAwait(false);
        }
    }

    private void Deliver(ReadinessResult result)
    {
        if (result.Ready)
        {
            HealthLog.Ready(logger, result.TaskId, result.Name, result.LastResponse?.Status);
        }
        else
        {
            HealthLog.NotReady(logger, result.TaskId, result.Name, result.LastResponse?.Status);
        }

        try
        {
            report(result);
        }
        catch (Exception e)
        {
            HealthLog.ReadinessReportFailed(logger, e, result.TaskId);
        }
    }

    /// <summary>The serial queries of one task: one out at a time, the next armed only after an answer.</summary>
    private sealed class PollLoop(ReadinessCheckRunner runner, ReadinessTarget target)
    {
        private readonly CancellationTokenSource cancel = new();
        private ITimer? timer;
        private volatile bool halted;
        private Task inFlight = Task.CompletedTask;

        public Task Finished => Volatile.Read(ref inFlight);

        public void Begin()
        {
            timer = runner.time.CreateTimer(static state => ((PollLoop)state!).Query(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Query();
        }

        public void Halt()
        {
            halted = true;
            timer?.Dispose();
            cancel.Cancel();
        }

        private void Query()
        {
            if (!halted)
            {
                Volatile.Write(ref inFlight, RunAsync());
            }
        }

        private async Task RunAsync()
        {
            ReadinessResult result;
            try
            {
                result = await runner.prober.CheckAsync(target, cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                HealthLog.ReadinessCrashed(runner.logger, e, target.TaskId, target.Name);
                result = ReadinessRules.FromFailure(target, e.Message, runner.time.GetUtcNow());
            }

            if (halted)
            {
                return;
            }

            // Arm the next query (or leave) before telling anyone, so a consumer that reacts at once sees a
            // consistent runner.
            if (result.Ready)
            {
                timer?.Dispose();
                runner.tasks.Forget(target.TaskId, this);
            }
            else
            {
                var interval = target.Interval > TimeSpan.Zero ? target.Interval : TimeSpan.FromSeconds(1);
                timer?.Change(interval, Timeout.InfiniteTimeSpan);
            }

            runner.Deliver(result);
        }
    }
}
