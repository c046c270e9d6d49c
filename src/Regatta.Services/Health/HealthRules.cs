using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// The parts of a health check the state machine needs. <see cref="MaxConsecutiveFailures"/> 0 never kills.
/// </summary>
internal sealed record HealthRules(TimeSpan GracePeriod, int MaxConsecutiveFailures)
{
    public static HealthRules For(HealthCheck check) =>
        new(TimeSpan.FromSeconds(check.GracePeriodSeconds), check.MaxConsecutiveFailures);
}
