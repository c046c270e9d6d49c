namespace Regatta.Services.Deployments;

/// <summary>
/// What to do for one app now. Queue <see cref="Launch"/> new tasks of <see cref="LaunchVersion"/>, which must
/// not be offered resources before <see cref="LaunchNotBefore"/> (the backoff); kill <see cref="Kills"/>; mark
/// <see cref="MarkInactive"/> unreachable-inactive and forget <see cref="Expunge"/>; store <see cref="Backoff"/>.
/// Call again at <see cref="NextCheckAt"/> if nothing else happens first. The caller must reflect the decision
/// in the task list (queued tasks as Scheduled, kills as Killing) before the next call.
/// </summary>
internal sealed record ReconcileDecision(
    int Launch,
    string LaunchVersion,
    DateTimeOffset LaunchNotBefore,
    IReadOnlyList<TaskKill> Kills,
    IReadOnlyList<string> MarkInactive,
    IReadOnlyList<string> Expunge,
    LaunchBackoff Backoff,
    DateTimeOffset? NextCheckAt)
{
    public bool IsIdle => Launch == 0 && Kills.Count == 0 && MarkInactive.Count == 0 && Expunge.Count == 0;
}
