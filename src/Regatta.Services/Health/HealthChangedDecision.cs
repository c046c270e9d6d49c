namespace Regatta.Services.Health;

/// <summary>
/// The task's alive flag flipped: publish <c>health_status_changed_event</c> (and
/// <c>instance_health_changed_event</c> with <c>healthy</c> = <see cref="Alive"/>).
/// </summary>
internal sealed record HealthChangedDecision(bool Alive) : HealthDecision;
