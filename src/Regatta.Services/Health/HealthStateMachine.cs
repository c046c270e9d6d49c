namespace Regatta.Services.Health;

/// <summary>
/// Folds probe results into a task's <see cref="HealthState"/> the way Marathon's health-check actor does. Pure:
/// the time of a result is its own <see cref="ProbeResult.At"/>, and the task is described by when it became
/// RUNNING (null when it is not running: staging, unreachable, killing).
/// </summary>
internal static class HealthStateMachine
{
    /// <summary>
    /// Applies one result. Failures are dropped while the task is not running, and while it has never passed and
    /// is still inside the grace period counted from <paramref name="runningSince"/>. A counted failure is
    /// reported; when the failures counted <em>before</em> it already reach <c>maxConsecutiveFailures</c> (so on
    /// failure max + 1, "more than max" as Marathon documents), a kill is decided too, with the cause and time of
    /// the previous failure as Marathon reports them.
    /// </summary>
    public static HealthTransition Observe(HealthState? current, ProbeResult result, HealthRules rules, DateTimeOffset? runningSince)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rules);
        if (result.Verdict == ProbeVerdict.Ignored)
        {
            return new HealthTransition(current, []);
        }

        var before = current ?? HealthState.Empty;
        if (result.Verdict == ProbeVerdict.Healthy)
        {
            var passed = before with
            {
                FirstSuccess = before.FirstSuccess ?? result.At,
                LastSuccess = result.At,
                ConsecutiveFailures = 0,
            };
            return new HealthTransition(passed, Changed(before, passed, []));
        }

        // An ignored failure still creates the entry: Marathon then lists the task with an empty, not-alive result.
        if (IgnoresFailure(before, result.At, rules, runningSince))
        {
            return new HealthTransition(before, []);
        }

        var cause = result.Cause ?? string.Empty;
        var decisions = new List<HealthDecision> { new FailedHealthCheckDecision(cause, result.At) };
        if (rules.MaxConsecutiveFailures > 0 && before.ConsecutiveFailures >= rules.MaxConsecutiveFailures)
        {
            decisions.Add(new KillTaskDecision(before.LastFailureCause ?? "unknown", before.LastFailure ?? result.At));
        }

        var failed = before with
        {
            LastFailure = result.At,
            LastFailureCause = cause,
            ConsecutiveFailures = before.ConsecutiveFailures + 1,
        };
        return new HealthTransition(failed, Changed(before, failed, decisions));
    }

    /// <summary>
    /// Folds the <c>healthy</c> field of a Mesos task status (COMMAND and MESOS_* checks, run on the agent) into the
    /// same state: true is a success, false a failure with an empty cause, absent changes nothing. The agent kills
    /// on its own for these checks; a kill decided here is a second, harmless request.
    /// </summary>
    public static HealthTransition ObserveMesosStatus(
        HealthState? current,
        bool? healthy,
        DateTimeOffset at,
        HealthRules rules,
        DateTimeOffset? runningSince) =>
        healthy switch
        {
            null => new HealthTransition(current, []),
            true => Observe(current, ProbeResult.Healthy(at), rules, runningSince),
            false => Observe(current, ProbeResult.Unhealthy(at, string.Empty), rules, runningSince),
        };

    /// <summary>
    /// A task's health over all its checks, as the task counts and deployments see it: null when no check has a
    /// result yet, true when every result is alive, false when any is not (Marathon's tasksHealthy/tasksUnhealthy).
    /// </summary>
    public static bool? Summarize(IEnumerable<HealthState?> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        bool? healthy = null;
        foreach (var state in states)
        {
            if (state is null)
            {
                continue;
            }

            if (!state.Alive)
            {
                return false;
            }

            healthy = true;
        }

        return healthy;
    }

    /// <summary>True when a failure at <paramref name="at"/> does not count.</summary>
    public static bool IgnoresFailure(HealthState state, DateTimeOffset at, HealthRules rules, DateTimeOffset? runningSince) =>
        runningSince is not { } since || (state.FirstSuccess is null && since + rules.GracePeriod > at);

    private static List<HealthDecision> Changed(HealthState before, HealthState after, List<HealthDecision> decisions)
    {
        if (before.Alive != after.Alive)
        {
            decisions.Add(new HealthChangedDecision(after.Alive));
        }

        return decisions;
    }
}
