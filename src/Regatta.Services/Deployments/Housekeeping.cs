namespace Regatta.Services.Deployments;

/// <summary>
/// Time-driven bookkeeping that applies to an app's tasks whatever drives its launches and kills:
/// unreachable tasks turning inactive or expunged, launches that took too long, terminal tasks to forget.
/// <see cref="Tasks"/> is the task list with the inactive transitions applied, for the scaling decision that
/// follows. <see cref="NextCheckAt"/> is the earliest future time at which the answer would change.
/// </summary>
internal sealed record Housekeeping(
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<string> MarkInactive,
    IReadOnlyList<string> Expunge,
    IReadOnlyList<TaskKill> Kills,
    DateTimeOffset? NextCheckAt)
{
    /// <summary>Marathon's <c>--task_launch_timeout</c> default: 5 minutes.</summary>
    public static TimeSpan DefaultLaunchTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Reviews <paramref name="tasks"/> of <paramref name="app"/> at <paramref name="now"/>.</summary>
    public static Housekeeping Review(PlannedApp app, IReadOnlyList<TaskView> tasks, DateTimeOffset now, TimeSpan launchTimeout)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(tasks);
        var strategy = app.UnreachableStrategy;
        var view = new List<TaskView>(tasks.Count);
        var inactive = new List<string>();
        var expunge = new List<string>();
        var kills = new List<TaskKill>();
        DateTimeOffset? next = null;

        foreach (var task in tasks)
        {
            var current = task;
            if (task.Condition.IsTerminal())
            {
                expunge.Add(task.Id);
                continue;
            }

            if (strategy.Enabled && task.Condition is TaskCondition.Unreachable or TaskCondition.UnreachableInactive)
            {
                var since = task.UnreachableSince ?? now;
                if (now >= since + strategy.ExpungeAfter)
                {
                    expunge.Add(task.Id);
                    continue;
                }

                next = Earliest(next, since + strategy.ExpungeAfter);
                if (task.Condition == TaskCondition.Unreachable)
                {
                    if (now >= since + strategy.InactiveAfter)
                    {
                        inactive.Add(task.Id);
                        current = task with { Condition = TaskCondition.UnreachableInactive, UnreachableSince = since };
                    }
                    else
                    {
                        next = Earliest(next, since + strategy.InactiveAfter);
                    }
                }
            }

            if (task.Condition is TaskCondition.Staging or TaskCondition.Starting && task.StagedAt is { } staged)
            {
                if (now >= staged + launchTimeout)
                {
                    kills.Add(new TaskKill(task.Id, KillReason.LaunchTimeout));
                    current = task with { Condition = TaskCondition.Killing };
                }
                else
                {
                    next = Earliest(next, staged + launchTimeout);
                }
            }

            view.Add(current);
        }

        return new Housekeeping(view, inactive, expunge, kills, next);
    }

    internal static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
