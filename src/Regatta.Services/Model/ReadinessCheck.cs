namespace Regatta.Services.Model;

/// <summary>
/// <c>readinessChecks[]</c> (at most one): polled on new tasks during a deployment until one of
/// <see cref="HttpStatusCodesForReady"/> comes back from <see cref="Path"/> on the port named <see cref="PortName"/>.
/// </summary>
internal sealed record ReadinessCheck
{
    public string Name { get; init; } = AppDefaults.ReadinessName;

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string Protocol { get; init; } = "HTTP";

    public string Path { get; init; } = "/";

    public string PortName { get; init; } = AppDefaults.ReadinessPortName;

    public int IntervalSeconds { get; init; } = AppDefaults.ReadinessIntervalSeconds;

    public int TimeoutSeconds { get; init; } = AppDefaults.ReadinessTimeoutSeconds;

    public ValueArray<int> HttpStatusCodesForReady { get; init; } = [200];

    public bool PreserveLastResponse { get; init; }
}
