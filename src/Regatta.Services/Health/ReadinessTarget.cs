namespace Regatta.Services.Health;

/// <summary>
/// A readiness check of one new task: GET <see cref="Url"/> every <see cref="Interval"/> until the status is one of
/// <see cref="ReadyStatusCodes"/>. <see cref="Url"/> is null when the named port could not be resolved; then every
/// run reports not ready, with <see cref="Problem"/> as the explanation.
/// </summary>
internal sealed record ReadinessTarget(
    string TaskId,
    string Name,
    Uri? Url,
    TimeSpan Interval,
    TimeSpan Timeout,
    IReadOnlySet<int> ReadyStatusCodes,
    bool PreserveLastResponse,
    string? Problem = null);
