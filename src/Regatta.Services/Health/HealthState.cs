namespace Regatta.Services.Health;

/// <summary>
/// The health of one task under one check, as <c>healthCheckResults[]</c> shows it. Alive means the last success
/// is later than the last failure; a task that never passed is not alive. Kept in memory only, like Marathon:
/// a new leader starts every task from <see cref="Empty"/>.
/// </summary>
internal sealed record HealthState
{
    public static HealthState Empty { get; } = new();

    public DateTimeOffset? FirstSuccess { get; init; }

    public DateTimeOffset? LastSuccess { get; init; }

    public DateTimeOffset? LastFailure { get; init; }

    public string? LastFailureCause { get; init; }

    public int ConsecutiveFailures { get; init; }

    public bool Alive => LastSuccess is { } success && (LastFailure is not { } failure || success > failure);
}
