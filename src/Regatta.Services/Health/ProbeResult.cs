namespace Regatta.Services.Health;

/// <summary>
/// The outcome of one probe, stamped with the time it finished. <see cref="Cause"/> is set for unhealthy results
/// (<c>500 Internal Server Error</c>, <c>ConnectException: Connection refused</c>, …) and is what
/// <c>lastFailureCause</c> and the kill reason show.
/// </summary>
internal sealed record ProbeResult(ProbeVerdict Verdict, DateTimeOffset At, string? Cause = null)
{
    public static ProbeResult Healthy(DateTimeOffset at) => new(ProbeVerdict.Healthy, at);

    public static ProbeResult Unhealthy(DateTimeOffset at, string cause) => new(ProbeVerdict.Unhealthy, at, cause);

    public static ProbeResult Ignored(DateTimeOffset at) => new(ProbeVerdict.Ignored, at);
}
