using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// Marathon's <c>label=</c> selector for <c>GET /v2/apps</c>: comma-separated clauses that must all hold —
/// <c>key</c> (exists), <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>;
/// a backslash escapes any character.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<ValueMap, bool>> _clauses;

    private LabelSelector(List<Func<ValueMap, bool>> clauses) => _clauses = clauses;

    public bool Matches(ValueMap labels) => _clauses.All(c => c(labels));

    /// <summary>An empty text gives no selector (and no error).</summary>
    public static bool TryParse(string text, out LabelSelector? selector, out string? error)
    {
        selector = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var clauses = new List<Func<ValueMap, bool>>();
        foreach (var clause in SplitOutsideParens(text))
        {
            var parsed = ParseClause(clause.Trim());
            if (parsed is null)
            {
                error = $"Invalid label selector clause '{clause.Trim()}': use key, key==value, key!=value, key in (a,b) or key notin (a,b)";
                return false;
            }

            clauses.Add(parsed);
        }

        selector = new LabelSelector(clauses);
        return true;
    }

    private static Func<ValueMap, bool>? ParseClause(string clause)
    {
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = clause.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Unescape(clause[..at].Trim());
                var set = clause[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    return null;
                }

                var values = set[1..^1].Split(',').Select(v => Unescape(v.Trim())).ToHashSet(StringComparer.Ordinal);
                return labels => labels.TryGetValue(key, out var value) ? values.Contains(value) != negate : negate;
            }
        }

        foreach (var (op, equal) in new[] { ("==", true), ("!=", false) })
        {
            var at = clause.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Unescape(clause[..at].Trim());
                var expected = Unescape(clause[(at + op.Length)..].Trim());
                return labels => labels.TryGetValue(key, out var value) ? (value == expected) == equal : !equal;
            }
        }

        var name = Unescape(clause);
        return name.Length == 0 || name.Contains(' ', StringComparison.Ordinal) ? null : labels => labels.ContainsKey(name);
    }

    private static IEnumerable<string> SplitOutsideParens(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static string Unescape(string text) =>
        text.Contains('\\', StringComparison.Ordinal) ? System.Text.RegularExpressions.Regex.Replace(text, @"\\(.)", "$1") : text;
}
