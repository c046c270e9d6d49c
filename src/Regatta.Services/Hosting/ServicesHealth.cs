using Microsoft.Extensions.Logging;
using Regatta.Services.Core;
using Regatta.Services.Health;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Hosting;

/// <summary>
/// Scheduler-side health checks (HTTP, HTTPS, TCP) of running tasks: the runner probes on its timers, each result goes
/// through the pure <see cref="HealthStateMachine"/>, and what matters to the scheduler — a task's health changed, or
/// it must be killed — is handed to the core's loop. The per-check states are kept here for healthCheckResults.
/// </summary>
internal sealed class ServicesHealth : IHealthWatcher, IAsyncDisposable
{
    private readonly ServicesActor _actor;
    private readonly NetworkProber _prober;
    private readonly HealthCheckRunner _runner;
    private readonly ReadinessCheckRunner _readiness;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ReadinessResult>> _readinessResults = new(StringComparer.Ordinal);
    private long _version;

    public ServicesHealth(ServicesActor actor, TimeProvider time, ILogger logger)
    {
        _actor = actor;
        _prober = new NetworkProber(time);
        _runner = new HealthCheckRunner(_prober, time, Report, logger);
        _readiness = new ReadinessCheckRunner(_prober, time, ReportReadiness, logger);
    }

    /// <summary>Changes whenever any task's health results (what <see cref="ResultsOf"/> answers) may have changed.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void WatchReadiness(ServiceTask task, AppDefinition app)
    {
        if (HealthTargets.ForReadiness(task.Id, app, new TaskAddresses(task.Host ?? "", task.HostPorts, task.IpAddresses)) is { } target)
        {
            _readiness.Start(target);
        }
    }

    public void Watch(ServiceTask task, AppDefinition app)
    {
        var target = HealthTargets.ForTask(task.Id, app, new TaskAddresses(task.Host ?? "", task.HostPorts, task.IpAddresses));
        if (target.Checks.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_watched.TryGetValue(task.Id, out var already) && ReferenceEquals(already.App, app))
            {
                return;
            }

            _watched[task.Id] = new Watched(app, task.StartedAt, new HealthState?[app.HealthChecks.Count], InstanceIds.FromTaskId(task.Id));
            Interlocked.Increment(ref _version);
        }

        _runner.Start(target);
    }

    public void Unwatch(string taskId)
    {
        _runner.Stop(taskId);
        _readiness.Stop(taskId);
        lock (_lock)
        {
            if (_watched.Remove(taskId) | _readinessResults.Remove(taskId))
            {
                Interlocked.Increment(ref _version);
            }
        }
    }

    /// <summary>The latest readiness result of each readiness check of these tasks (until a task ends).</summary>
    public IReadOnlyList<ReadinessResult> ReadinessOf(IEnumerable<string> taskIds)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        lock (_lock)
        {
            if (_readinessResults.Count == 0)
            {
                return [];
            }

            return [.. taskIds.Where(_readinessResults.ContainsKey).SelectMany(id => _readinessResults[id].Values).OrderBy(r => r.TaskId, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>healthCheckResults of a task: one entry per scheduler-run check that has a result.</summary>
    public IReadOnlyList<TaskHealthView> ResultsOf(ServiceTask task)
    {
        lock (_lock)
        {
            if (!_watched.TryGetValue(task.Id, out var watched))
            {
                return [];
            }

            var instanceId = watched.InstanceId;
            return [.. watched.States.OfType<HealthState>().Select(s => new TaskHealthView(
                s.Alive, s.ConsecutiveFailures, instanceId, s.FirstSuccess, s.LastSuccess, s.LastFailure, s.LastFailureCause))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync().ConfigureAwait(false);
        await _readiness.DisposeAsync().ConfigureAwait(false);
        _prober.Dispose();
    }

    private void ReportReadiness(ReadinessResult result)
    {
        lock (_lock)
        {
            if (!_readinessResults.TryGetValue(result.TaskId, out var byName))
            {
                byName = new Dictionary<string, ReadinessResult>(StringComparer.Ordinal);
                _readinessResults[result.TaskId] = byName;
            }

            byName[result.Name] = result;
            Interlocked.Increment(ref _version);
        }

        _ = _actor.RunAsync((core, now) =>
        {
            core.OnReady(result.TaskId, result.Ready, now);
            return true;
        });
    }

    private void Report(HealthProbeReport report)
    {
        bool? alive = null;
        string? kill = null;
        var failed = false;
        HealthCheck? failedCheck;
        lock (_lock)
        {
            if (!_watched.TryGetValue(report.TaskId, out var watched) || report.CheckIndex >= watched.States.Length)
            {
                return;
            }

            var check = watched.App.HealthChecks[report.CheckIndex];
            var transition = HealthStateMachine.Observe(watched.States[report.CheckIndex], report.Result, HealthRules.For(check), watched.RunningSince);
            watched.States[report.CheckIndex] = transition.State;
            Interlocked.Increment(ref _version);
            foreach (var decision in transition.Decisions)
            {
                switch (decision)
                {
                    case KillTaskDecision killDecision:
                        kill = killDecision.Reason;
                        break;
                    case FailedHealthCheckDecision:
                        failed = true;
                        break;
                    default:
                        break;
                }
            }

            alive = HealthStateMachine.Summarize(watched.States);
            failedCheck = failed ? check : null;
        }

        var taskId = report.TaskId;
        if (failedCheck is not null)
        {
            _ = _actor.RunAsync((core, now) =>
            {
                core.OnFailedHealthCheck(taskId, failedCheck, now);
                return true;
            });
        }

        _ = _actor.RunAsync((core, now) =>
        {
            core.OnHealth(taskId, alive, kill, now);
            return true;
        });
    }

    private sealed record Watched(AppDefinition App, DateTimeOffset? RunningSince, HealthState?[] States, string InstanceId);
}
