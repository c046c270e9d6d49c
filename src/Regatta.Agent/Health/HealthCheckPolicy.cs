using System.Globalization;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Health;

/// <summary>
/// The timing rules of one TaskInfo.health_check, with Mesos's defaults already applied by the proto (delay 15 s,
/// interval 10 s, timeout 20 s, 3 consecutive failures, grace 10 s).
/// </summary>
internal sealed record HealthCheckPolicy(
    V1.HealthCheck.Types.Type Type,
    TimeSpan Delay,
    TimeSpan Interval,
    TimeSpan Timeout,
    int ConsecutiveFailures,
    TimeSpan GracePeriod)
{
    /// <summary>The check's type; checks from before Mesos 1.2 name none, so it is inferred from the one part that is set.</summary>
    public static V1.HealthCheck.Types.Type TypeOf(V1.HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.HasType && check.Type != V1.HealthCheck.Types.Type.Unknown)
        {
            return check.Type;
        }

        return check switch
        {
            { Command: not null, Http: null, Tcp: null } => V1.HealthCheck.Types.Type.Command,
            { Command: null, Http: not null, Tcp: null } => V1.HealthCheck.Types.Type.Http,
            { Command: null, Http: null, Tcp: not null } => V1.HealthCheck.Types.Type.Tcp,
            _ => V1.HealthCheck.Types.Type.Unknown,
        };
    }

    /// <summary>Why the agent cannot run this health check (naming the field), or null when it can.</summary>
    public static string? Validate(V1.HealthCheck? check)
    {
        if (check is null)
        {
            return null;
        }

        var type = TypeOf(check);
        var problem = type switch
        {
            V1.HealthCheck.Types.Type.Command when check.Command is null || !check.Command.HasValue || check.Command.Value.Length == 0
                => "health_check.command.value is required for a COMMAND check",
            V1.HealthCheck.Types.Type.Http when check.Http is null || check.Http.Port is 0 or > 65535
                => "health_check.http.port must be in 1-65535 for an HTTP check",
            V1.HealthCheck.Types.Type.Http when check.Http.HasScheme && check.Http.Scheme is not ("http" or "https")
                => $"health_check.http.scheme '{check.Http.Scheme}' must be 'http' or 'https'",
            V1.HealthCheck.Types.Type.Http when check.Http.HasPath && !check.Http.Path.StartsWith('/')
                => $"health_check.http.path '{check.Http.Path}' must start with '/'",
            V1.HealthCheck.Types.Type.Http when check.Http.Statuses.Any(s => s is < 100 or > 599)
                => "health_check.http.statuses must be HTTP status codes (100-599)",
            V1.HealthCheck.Types.Type.Tcp when check.Tcp is null || check.Tcp.Port is 0 or > 65535
                => "health_check.tcp.port must be in 1-65535 for a TCP check",
            V1.HealthCheck.Types.Type.Unknown => "health_check.type must be COMMAND, HTTP or TCP (with the matching field set)",
            _ => null,
        };
        return problem
            ?? Seconds(check.DelaySeconds, "delay_seconds", allowZero: true)
            ?? Seconds(check.IntervalSeconds, "interval_seconds", allowZero: false)
            ?? Seconds(check.TimeoutSeconds, "timeout_seconds", allowZero: false)
            ?? Seconds(check.GracePeriodSeconds, "grace_period_seconds", allowZero: true)
            ?? (check.ConsecutiveFailures == 0 ? "health_check.consecutive_failures must be at least 1" : null);
    }

    /// <summary>The policy of a check that passed <see cref="Validate"/>.</summary>
    public static HealthCheckPolicy From(V1.HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new HealthCheckPolicy(
            TypeOf(check),
            TimeSpan.FromSeconds(check.DelaySeconds),
            TimeSpan.FromSeconds(check.IntervalSeconds),
            TimeSpan.FromSeconds(check.TimeoutSeconds),
            (int)Math.Min(check.ConsecutiveFailures, int.MaxValue),
            TimeSpan.FromSeconds(check.GracePeriodSeconds));
    }

    private static string? Seconds(double value, string field, bool allowZero)
    {
        // A year bounds every duration so TimeSpan arithmetic cannot overflow.
        if (double.IsNaN(value) || value < 0 || (!allowZero && value == 0) || value > 365 * 24 * 3600)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            return $"health_check.{field} {text} must be {(allowZero ? "zero or positive" : "positive")} and at most a year";
        }

        return null;
    }
}
