namespace Regatta.Services.Deployments;

/// <summary>Classifies <see cref="TaskCondition"/> values for counting and backoff.</summary>
internal static class TaskConditions
{
    /// <summary>The task is over and will not come back on its own.</summary>
    public static bool IsTerminal(this TaskCondition condition) => condition
        is TaskCondition.Killed or TaskCondition.Failed or TaskCondition.Finished or TaskCondition.Error
        or TaskCondition.Gone or TaskCondition.Dropped or TaskCondition.Unknown;

    /// <summary>
    /// The task occupies (or may still occupy) a slot: everything but terminal and unreachable-inactive tasks.
    /// Killing tasks count until the kill is confirmed, so capacity limits stay honest.
    /// </summary>
    public static bool OccupiesCapacity(this TaskCondition condition) =>
        !condition.IsTerminal() && condition != TaskCondition.UnreachableInactive;

    /// <summary>
    /// The task counts toward the app's <c>instances</c>: queued, launching, running, or unreachable but not
    /// yet inactive. Killing tasks are on their way out and no longer count.
    /// </summary>
    public static bool CountsAsInstance(this TaskCondition condition) =>
        condition.OccupiesCapacity() && condition != TaskCondition.Killing;

    /// <summary>A terminal condition that grows the launch delay (a plain kill does not).</summary>
    public static bool IsBackoffFailure(this TaskCondition condition) => condition
        is TaskCondition.Failed or TaskCondition.Finished or TaskCondition.Error
        or TaskCondition.Gone or TaskCondition.Dropped;
}
