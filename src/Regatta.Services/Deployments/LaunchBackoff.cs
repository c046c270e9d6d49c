namespace Regatta.Services.Deployments;

/// <summary>
/// The launch delay of one app config (keyed by <see cref="ConfigVersion"/>, so a new config starts without
/// delay). Each failure sets the delay to the initial value, then multiplies it by the factor, capped at the
/// maximum; the next launch waits until <see cref="ReadyAt"/>. Plain kills do not count. Immutable: every
/// change returns a new value, which the caller stores.
/// </summary>
internal sealed record LaunchBackoff(string ConfigVersion, int Failures, TimeSpan Delay, DateTimeOffset LastFailureAt)
{
    /// <summary>No delay for <paramref name="configVersion"/>.</summary>
    public static LaunchBackoff None(string configVersion) => new(configVersion, 0, TimeSpan.Zero, DateTimeOffset.MinValue);

    /// <summary>Launches may go out from this time on.</summary>
    public DateTimeOffset ReadyAt => Failures == 0 ? DateTimeOffset.MinValue : LastFailureAt + Delay;

    /// <summary>This backoff if it belongs to <paramref name="configVersion"/>, otherwise a fresh one.</summary>
    public LaunchBackoff For(string configVersion) => ConfigVersion == configVersion ? this : None(configVersion);

    /// <summary>A task of this config ended in <paramref name="condition"/> at <paramref name="at"/>.</summary>
    public LaunchBackoff OnTerminal(TaskCondition condition, DateTimeOffset at, BackoffPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!condition.IsBackoffFailure())
        {
            return this;
        }

        var delay = Failures == 0 ? policy.Initial : Multiply(Delay, policy.Factor);
        if (delay > policy.Max)
        {
            delay = policy.Max;
        }

        return this with { Failures = Failures + 1, Delay = delay, LastFailureAt = at };
    }

    /// <summary><c>DELETE /v2/queue/{id}/delay</c>, or a kill because the agent drains.</summary>
    public LaunchBackoff Reset() => None(ConfigVersion);

    /// <summary>Seconds until <see cref="ReadyAt"/>, never negative (<c>/v2/queue</c> <c>timeLeftSeconds</c>).</summary>
    public TimeSpan TimeLeft(DateTimeOffset now) => ReadyAt > now ? ReadyAt - now : TimeSpan.Zero;

    /// <summary>
    /// Forgets the delay once a task started after the last failure has run (healthy, if checked) for
    /// <see cref="BackoffPolicy.StableAfter"/>: the crash loop is over.
    /// </summary>
    public LaunchBackoff ResetIfStable(IEnumerable<TaskView> tasks, bool hasHealthChecks, DateTimeOffset now, BackoffPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(policy);
        if (Failures == 0)
        {
            return this;
        }

        var stable = tasks.Any(t => t.IsRunningHealthy(hasHealthChecks)
            && t.RunningSince is { } since
            && since >= LastFailureAt
            && now - since >= policy.StableAfter);
        return stable ? Reset() : this;
    }

    /// <summary>When <see cref="ResetIfStable"/> could next change its answer, if a running task may get there.</summary>
    public DateTimeOffset? StableCheckAt(IEnumerable<TaskView> tasks, bool hasHealthChecks, BackoffPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(policy);
        if (Failures == 0)
        {
            return null;
        }

        return tasks
            .Where(t => t.IsRunningHealthy(hasHealthChecks) && t.RunningSince >= LastFailureAt)
            .Select(t => (DateTimeOffset?)(t.RunningSince!.Value + policy.StableAfter))
            .Min();
    }

    private static TimeSpan Multiply(TimeSpan delay, double factor)
    {
        var ticks = delay.Ticks * factor;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)Math.Round(ticks));
    }
}
