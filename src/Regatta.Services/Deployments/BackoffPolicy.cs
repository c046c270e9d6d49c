namespace Regatta.Services.Deployments;

/// <summary>
/// An app's launch backoff settings: <c>backoffSeconds</c>, <c>backoffFactor</c>, <c>maxLaunchDelaySeconds</c>.
/// </summary>
internal sealed record BackoffPolicy(TimeSpan Initial, double Factor, TimeSpan Max)
{
    /// <summary>Marathon 1.8+ defaults: 1 s × 1.15, capped at 300 s.</summary>
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromSeconds(1), 1.15, TimeSpan.FromSeconds(300));

    /// <summary>
    /// How long a task started after the last failure must run (healthy) before the delay is forgotten.
    /// Marathon drops a delay once it is overdue by <c>maxLaunchDelaySeconds</c>; we use the same span.
    /// </summary>
    public TimeSpan StableAfter => Max;
}
