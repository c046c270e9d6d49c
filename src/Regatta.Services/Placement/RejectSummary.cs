namespace Regatta.Services.Placement;

/// <summary>
/// Tallies offer matches into Marathon's funnel: every offer enters the first stage; an offer declined at a stage
/// (its earliest reason in <see cref="RejectReason"/> order) does not reach the later ones.
/// </summary>
internal static class RejectSummary
{
    public static IReadOnlyList<RejectSummaryEntry> Summarize(IEnumerable<OfferMatch> matches)
    {
        var tally = new Tally();
        foreach (var match in matches)
        {
            tally.Add(match);
        }

        return tally.Rows();
    }

    /// <summary>Offers counted as they are processed (a launch attempt's summary), without keeping the matches.</summary>
    internal sealed class Tally
    {
        private readonly int[] _declined = new int[Enum.GetValues<RejectReason>().Length];
        private int _total;

        public void Add(OfferMatch match)
        {
            ArgumentNullException.ThrowIfNull(match);
            _total++;
            if (match.FirstReason is { } first)
            {
                _declined[(int)first]++;
            }
        }

        public void Clear()
        {
            Array.Clear(_declined);
            _total = 0;
        }

        public IReadOnlyList<RejectSummaryEntry> Rows() => Funnel(_declined, _total);
    }

    private static List<RejectSummaryEntry> Funnel(int[] declined, int total)
    {
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
