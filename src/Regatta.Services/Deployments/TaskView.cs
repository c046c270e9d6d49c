namespace Regatta.Services.Deployments;

/// <summary>
/// What the deployment code needs to know about one task. <paramref name="Version"/> is the app version the
/// task was launched from. <paramref name="Healthy"/> is null while there is no health result yet;
/// <paramref name="Ready"/> is null when readiness is not being checked for this task.
/// <paramref name="StagedAt"/> is null for queued tasks, <paramref name="RunningSince"/> until RUNNING, and
/// <paramref name="UnreachableSince"/> unless the task is (inactive) unreachable.
/// </summary>
internal sealed record TaskView(
    string Id,
    string AppId,
    string Version,
    TaskCondition Condition,
    bool? Healthy = null,
    bool? Ready = null,
    DateTimeOffset? StagedAt = null,
    DateTimeOffset? RunningSince = null,
    DateTimeOffset? UnreachableSince = null,
    string? AgentId = null)
{
    /// <summary>The time kill selection orders by: running since, else staged at.</summary>
    public DateTimeOffset? ActiveSince => RunningSince ?? StagedAt;

    /// <summary>Running and, if the app has health checks, reported healthy.</summary>
    public bool IsRunningHealthy(bool hasHealthChecks) =>
        Condition == TaskCondition.Running && (!hasHealthChecks || Healthy == true);
}
