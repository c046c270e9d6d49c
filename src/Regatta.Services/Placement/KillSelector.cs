namespace Regatta.Services.Placement;

/// <summary>
/// Chooses which tasks a scale-down kills, one at a time, each time taking the first of:
/// explicitly sentenced tasks; the worst condition (unreachable, staging, starting, unhealthy, running);
/// the most loaded value of each GROUP_BY, MAX_PER and UNIQUE constraint (recounted after every pick, so the
/// survivors stay balanced); tasks not on <c>currentVersion</c>; the age order (killSelection) on <see cref="KillCandidate.ActiveSince"/>;
/// finally the task id, so the choice is deterministic.
/// </summary>
internal static class KillSelector
{
    public static IReadOnlyList<KillCandidate> Select(
        IReadOnlyList<KillCandidate> tasks,
        int count,
        KillAgeOrder order = KillAgeOrder.YoungestFirst,
        IReadOnlyList<Constraint>? constraints = null,
        IReadOnlySet<string>? sentenced = null,
        string? currentVersion = null)
    {
        var balancing = (constraints ?? [])
            .Where(c => c.Operator is ConstraintOperator.GroupBy or ConstraintOperator.MaxPer or ConstraintOperator.Unique)
            .ToList();
        var loads = balancing.Select(c => c.GroupSizes(tasks.Select(t => t.Agent))).ToList();
        var remaining = tasks.ToList();
        var chosen = new List<KillCandidate>();

        while (chosen.Count < count && remaining.Count > 0)
        {
            var best = 0;
            for (var i = 1; i < remaining.Count; i++)
            {
                if (Compare(remaining[i], remaining[best]) < 0)
                {
                    best = i;
                }
            }

            var victim = remaining[best];
            remaining.RemoveAt(best);
            chosen.Add(victim);
            for (var c = 0; c < balancing.Count; c++)
            {
                if (victim.Agent.ValueOf(balancing[c].Field) is { } value)
                {
                    loads[c][value]--;
                }
            }
        }

        return chosen;

        // Negative when a should be killed before b.
        int Compare(KillCandidate a, KillCandidate b)
        {
            var bySentence = IsSentenced(b).CompareTo(IsSentenced(a));
            if (bySentence != 0)
            {
                return bySentence;
            }

            var byCondition = Rank(a).CompareTo(Rank(b));
            if (byCondition != 0)
            {
                return byCondition;
            }

            for (var c = 0; c < balancing.Count; c++)
            {
                var byLoad = Load(c, b).CompareTo(Load(c, a));
                if (byLoad != 0)
                {
                    return byLoad;
                }
            }

            if (currentVersion is not null)
            {
                var byVersion = (b.Version != currentVersion).CompareTo(a.Version != currentVersion);
                if (byVersion != 0)
                {
                    return byVersion;
                }
            }

            var byAge = order == KillAgeOrder.YoungestFirst
                ? b.ActiveSince.CompareTo(a.ActiveSince)
                : a.ActiveSince.CompareTo(b.ActiveSince);
            return byAge != 0 ? byAge : string.CompareOrdinal(a.TaskId, b.TaskId);
        }

        bool IsSentenced(KillCandidate t) => sentenced?.Contains(t.TaskId) == true;

        int Load(int c, KillCandidate t) =>
            t.Agent.ValueOf(balancing[c].Field) is { } value ? loads[c].GetValueOrDefault(value) : 0;
    }

    private static int Rank(KillCandidate t) => t.Condition switch
    {
        CandidateCondition.Running when t.Healthy == false => 3,
        CandidateCondition.Running => 4,
        _ => (int)t.Condition,
    };
}
