namespace Regatta.Services.Health;

/// <summary>
/// One of a task's scheduler-run checks, ready to schedule: its index in the app's <c>healthChecks</c>, its
/// interval and either a <see cref="Target"/> or, when the port could not be resolved, the <see cref="Problem"/>
/// each run reports as a failure.
/// </summary>
internal sealed record TaskHealthCheck(int Index, TimeSpan Interval, HealthProbeTarget? Target, string? Problem = null);
