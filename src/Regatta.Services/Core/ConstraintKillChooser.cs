using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Core;

/// <summary>
/// Scale-down under GROUP_BY, MAX_PER or UNIQUE: the reconciler's candidates go to <see cref="KillSelector"/>, which kills
/// from the most loaded group first (then by condition and age), so the survivors stay spread.
/// </summary>
internal sealed class ConstraintKillChooser(AppDefinition app, IReadOnlyList<Constraint> constraints, Func<string, ServiceTask?> lookup) : IKillChooser
{
    public static IKillChooser For(AppDefinition app, IReadOnlyList<Constraint> constraints, Func<string, ServiceTask?> lookup) =>
        constraints.Any(c => c.Operator is ConstraintOperator.GroupBy or ConstraintOperator.MaxPer or ConstraintOperator.Unique)
            ? new ConstraintKillChooser(app, constraints, lookup)
            : DefaultKillChooser.Instance;

    public IReadOnlyList<TaskView> Choose(IReadOnlyList<TaskView> orderedCandidates, int count)
    {
        ArgumentNullException.ThrowIfNull(orderedCandidates);
        var placed = orderedCandidates.Where(t => lookup(t.Id)?.Agent is not null).ToList();
        var unplaced = orderedCandidates.Where(t => lookup(t.Id)?.Agent is null).ToList();

        // Queued instances hold no place: they go first, as the default order has them.
        var chosen = unplaced.Take(count).ToList();
        if (chosen.Count == count)
        {
            return chosen;
        }

        var candidates = placed.Select(t =>
        {
            var task = lookup(t.Id)!;
            return new KillCandidate(t.Id, task.Agent!, t.Version, ConditionOf(t.Condition), t.StagedAt ?? DateTimeOffset.MinValue, t.RunningSince, t.Healthy);
        }).ToList();
        var order = app.KillSelection == KillSelection.OldestFirst ? KillAgeOrder.OldestFirst : KillAgeOrder.YoungestFirst;
        var byId = placed.ToDictionary(t => t.Id, StringComparer.Ordinal);
        chosen.AddRange(KillSelector.Select(candidates, count - chosen.Count, order, constraints).Select(c => byId[c.TaskId]));
        return chosen;
    }

    private static CandidateCondition ConditionOf(TaskCondition condition) => condition switch
    {
        TaskCondition.Unreachable => CandidateCondition.Unreachable,
        TaskCondition.Staging => CandidateCondition.Staging,
        TaskCondition.Starting => CandidateCondition.Starting,
        _ => CandidateCondition.Running,
    };
}
