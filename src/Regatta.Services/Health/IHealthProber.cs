namespace Regatta.Services.Health;

/// <summary>
/// Runs one health probe. Never throws for a failed probe (that is an unhealthy result); only cancellation of
/// <paramref name="cancellationToken"/> ends it early, with <see cref="OperationCanceledException"/>.
/// </summary>
internal interface IHealthProber
{
    Task<ProbeResult> ProbeAsync(HealthProbeTarget target, CancellationToken cancellationToken);
}
