namespace Regatta.Agent.Health;

/// <summary>
/// The pure rules of one task's health check: when the next check is due, and what each result means. Checks start
/// <see cref="HealthCheckPolicy.Delay"/> after the task started running and then run every interval after the
/// previous result. Failures inside the grace period are ignored until the first success; after
/// <see cref="HealthCheckPolicy.ConsecutiveFailures"/> failures in a row the task is to be killed. Health is
/// reported on the first counted result and on every change. Not thread-safe.
/// </summary>
internal sealed class HealthCheckTracker(HealthCheckPolicy policy, DateTimeOffset startedAt)
{
    private readonly HealthCheckPolicy _policy = policy;
    private readonly DateTimeOffset _startedAt = startedAt;
    private bool _succeededOnce;
    private int _failuresInARow;
    private bool? _reported;

    /// <summary>When the next check should start.</summary>
    public DateTimeOffset NextCheckAt { get; private set; } = startedAt + policy.Delay;

    /// <summary>The health last reported, or null before the first counted result.</summary>
    public bool? Healthy => _reported;

    public int ConsecutiveFailures => _failuresInARow;

    /// <summary>Set once a kill was decided: no further checks are due.</summary>
    public bool Finished { get; private set; }

    public HealthDecision Record(bool success, DateTimeOffset now)
    {
        if (Finished)
        {
            return HealthDecision.None;
        }

        NextCheckAt = now + _policy.Interval;
        if (success)
        {
            _succeededOnce = true;
            _failuresInARow = 0;
            return Report(true, kill: false);
        }

        if (!_succeededOnce && now < _startedAt + _policy.GracePeriod)
        {
            // The task may still be starting up: Mesos ignores these failures.
            return HealthDecision.None;
        }

        _failuresInARow++;
        var kill = _failuresInARow >= _policy.ConsecutiveFailures;
        Finished = kill;
        return Report(false, kill);
    }

    private HealthDecision Report(bool healthy, bool kill)
    {
        bool? change = _reported == healthy ? null : healthy;
        _reported = healthy;
        return new HealthDecision(change, kill);
    }
}
