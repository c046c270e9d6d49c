namespace Regatta.Services.Model;

/// <summary>
/// <c>healthChecks[]</c>. A check aims at a fixed <see cref="Port"/> or at the port with index
/// <see cref="PortIndex"/>; COMMAND checks run <see cref="Command"/> instead. <see cref="Path"/> null means <c>/</c>.
/// </summary>
internal sealed record HealthCheck
{
    public HealthCheckProtocol Protocol { get; init; } = HealthCheckProtocol.Http;

    public string? Path { get; init; }

    public int? PortIndex { get; init; }

    public int? Port { get; init; }

    /// <summary>The shell command of a COMMAND check (<c>command.value</c>).</summary>
    public string? Command { get; init; }

    public int GracePeriodSeconds { get; init; } = AppDefaults.HealthGracePeriodSeconds;

    public int IntervalSeconds { get; init; } = AppDefaults.HealthIntervalSeconds;

    public int TimeoutSeconds { get; init; } = AppDefaults.HealthTimeoutSeconds;

    /// <summary>Failures in a row before the task is killed; 0 never kills (scheduler-run checks).</summary>
    public int MaxConsecutiveFailures { get; init; } = AppDefaults.HealthMaxConsecutiveFailures;

    public int DelaySeconds { get; init; } = AppDefaults.HealthDelaySeconds;

    public bool IgnoreHttp1xx { get; init; }

    public IpProtocol IpProtocol { get; init; } = IpProtocol.IPv4;

    /// <summary>True for the kinds the scheduler probes itself (HTTP, HTTPS, TCP).</summary>
    public bool IsSchedulerCheck => Protocol is HealthCheckProtocol.Http or HealthCheckProtocol.Https or HealthCheckProtocol.Tcp;
}
