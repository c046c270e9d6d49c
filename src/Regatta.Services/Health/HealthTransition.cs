namespace Regatta.Services.Health;

/// <summary>
/// The state after one result and the decisions it produced, in Marathon's order (failed check, kill, status
/// change). <see cref="State"/> is null only while a task has had no result that counts (ignored 1xx answers).
/// </summary>
internal sealed record HealthTransition(HealthState? State, IReadOnlyList<HealthDecision> Decisions);
