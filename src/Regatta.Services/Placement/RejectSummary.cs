namespace Regatta.Services.Placement;

/// <summary>
/// Tallies offer matches into Marathon's funnel: every offer enters the first stage; an offer declined at a stage
/// (its earliest reason in <see cref="RejectReason"/> order) does not reach the later ones.
/// </summary>
internal static class RejectSummary
{
    public static IReadOnlyList<RejectSummaryEntry> Summarize(IEnumerable<OfferMatch> matches)
    {
        var declined = new int[Enum.GetValues<RejectReason>().Length];
        var total = 0;
        foreach (var match in matches)
        {
            total++;
            if (match.FirstReason is { } first)
            {
                declined[(int)first]++;
            }
        }

        var rows = new List<RejectSummaryEntry>(declined.Length);
        var processed = total;
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            rows.Add(new RejectSummaryEntry(reason, declined[(int)reason], processed));
            processed -= declined[(int)reason];
        }

        return rows;
    }
}
