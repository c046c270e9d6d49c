namespace Regatta.Services.Health;

/// <summary>
/// Too many failures in a row: publish <c>unhealthy_instance_kill_event</c> with <see cref="Reason"/> and
/// <see cref="FailedAt"/> as its timestamp, then kill the task (reason FailedHealthChecks). Repeated while the
/// task keeps failing, so the kill itself must be idempotent.
/// </summary>
internal sealed record KillTaskDecision(string Reason, DateTimeOffset FailedAt) : HealthDecision;
