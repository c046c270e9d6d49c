namespace Regatta.Services.Health;

/// <summary>
/// Runs one readiness query. A failed query is a not-ready result, not an exception; only cancellation of
/// <paramref name="cancellationToken"/> throws.
/// </summary>
internal interface IReadinessProber
{
    Task<ReadinessResult> CheckAsync(ReadinessTarget target, CancellationToken cancellationToken);
}
