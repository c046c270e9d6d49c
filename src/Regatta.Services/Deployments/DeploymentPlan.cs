namespace Regatta.Services.Deployments;

/// <summary>
/// The ordered steps that take the apps from <paramref name="Original"/> to <paramref name="Target"/>.
/// <paramref name="Version"/> is the target's version, shown by <c>GET /v2/deployments</c>.
/// </summary>
internal sealed record DeploymentPlan(
    string Id,
    string Version,
    IReadOnlyDictionary<string, PlannedApp> Original,
    IReadOnlyDictionary<string, PlannedApp> Target,
    IReadOnlyList<DeploymentStep> Steps)
{
    /// <summary>Ids of the apps some action touches, sorted.</summary>
    private IReadOnlyList<string>? _affectedApps;

    public IReadOnlyList<string> AffectedApps => _affectedApps ??= [.. Steps
        .SelectMany(s => s.Actions)
        .Select(a => a.AppId)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    public bool IsEmpty => Steps.Count == 0;

    /// <summary>True when both plans touch at least one common app: the second one is locked out (409).</summary>
    public bool ConflictsWith(DeploymentPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AffectedApps.Intersect(other.AffectedApps, StringComparer.Ordinal).Any();
    }
}
