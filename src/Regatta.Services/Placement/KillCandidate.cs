namespace Regatta.Services.Placement;

/// <summary>A task that scale-down may kill.</summary>
/// <param name="StartedAt">When it became running; null while staging or starting.</param>
/// <param name="Healthy">Null when the app has no health checks or no result yet.</param>
internal sealed record KillCandidate(
    string TaskId,
    AgentView Agent,
    string Version,
    CandidateCondition Condition,
    DateTimeOffset StagedAt,
    DateTimeOffset? StartedAt = null,
    bool? Healthy = null)
{
    /// <summary>The time killSelection compares: when it started, or when it was staged if not yet running.</summary>
    public DateTimeOffset ActiveSince => StartedAt ?? StagedAt;
}
