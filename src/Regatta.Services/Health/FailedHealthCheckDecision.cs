namespace Regatta.Services.Health;

/// <summary>A counted failure (outside the grace period): publish <c>failed_health_check_event</c>.</summary>
internal sealed record FailedHealthCheckDecision(string Cause, DateTimeOffset At) : HealthDecision;
