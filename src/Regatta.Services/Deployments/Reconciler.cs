using Regatta.Services.Model;

namespace Regatta.Services.Deployments;

/// <summary>
/// Keeps an app at its desired instance count (steady state and <c>ScaleApplication</c>): replaces tasks that
/// ended, failed, finished, timed out launching or stayed unreachable past <c>inactiveAfterSeconds</c>, and kills
/// the surplus (sentenced tasks first, then <see cref="IKillChooser"/> over <see cref="KillOrder"/>). Tasks of
/// every version count; a rolling restart is driven by <see cref="RollingRestart"/> instead.
/// </summary>
internal static class Reconciler
{
    public static ReconcileDecision Decide(ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var app = input.App;
        var review = Housekeeping.Review(app, input.Tasks, input.Now, input.LaunchTimeout);
        var backoff = (input.Backoff ?? LaunchBackoff.None(app.ConfigVersion)).For(app.ConfigVersion)
            .ResetIfStable(review.Tasks, app.HasHealthChecks, input.Now, app.Backoff);

        var counted = review.Tasks.Where(t => t.Condition.CountsAsInstance()).ToList();
        var kills = new List<TaskKill>(review.Kills);
        var launch = 0;
        if (counted.Count < app.Instances)
        {
            launch = app.Instances - counted.Count;
        }
        else if (counted.Count > app.Instances)
        {
            kills.AddRange(SelectSurplus(input, counted, counted.Count - app.Instances));
        }

        var next = Housekeeping.Earliest(review.NextCheckAt, backoff.StableCheckAt(review.Tasks, app.HasHealthChecks, app.Backoff));
        if (launch > 0 && backoff.ReadyAt > input.Now)
        {
            next = Housekeeping.Earliest(next, backoff.ReadyAt);
        }

        return new ReconcileDecision(
            launch, app.Version, backoff.ReadyAt, kills, review.MarkInactive, review.Expunge, backoff, next);
    }

    /// <summary>
    /// Kills for removing the app (<c>StopApplication</c>): every task not already terminal or being killed,
    /// unreachable ones included (killing those expunges them).
    /// </summary>
    public static IReadOnlyList<TaskKill> StopAll(IEnumerable<TaskView> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return [.. tasks
            .Where(t => !t.Condition.IsTerminal() && t.Condition != TaskCondition.Killing)
            .Select(t => new TaskKill(t.Id, KillReason.Stop))];
    }

    private static IEnumerable<TaskKill> SelectSurplus(ReconcileInput input, List<TaskView> counted, int surplus)
    {
        var sentenced = new HashSet<string>(input.Sentenced, StringComparer.Ordinal);
        var first = counted.Where(t => sentenced.Contains(t.Id)).OrderBy(t => t.Id, StringComparer.Ordinal).Take(surplus).ToList();
        var rest = KillOrder.Sort(counted.Where(t => !sentenced.Contains(t.Id)), input.App.KillSelection);
        var chosen = input.KillChooser.Choose(rest, surplus - first.Count);
        var candidateIds = rest.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        if (chosen.Count != surplus - first.Count || !chosen.All(t => candidateIds.Remove(t.Id)))
        {
            throw new InvalidOperationException(
                $"Kill chooser must return {surplus - first.Count} of the {rest.Count} candidates of app {input.App.Id}");
        }

        return first.Select(t => new TaskKill(t.Id, KillReason.Sentenced))
            .Concat(chosen.Select(t => new TaskKill(t.Id, KillReason.ScalingDown)));
    }
}
