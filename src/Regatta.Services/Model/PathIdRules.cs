namespace Regatta.Services.Model;

/// <summary>
/// Marathon's naming rules for app and group ids, with its error texts. Each segment is a dot-separated series
/// of labels made of lowercase letters, digits and dashes, a label neither starting nor ending with a dash; an id
/// may not end with a word that would clash with the REST routes (<c>restart</c>, <c>tasks</c>, <c>versions</c>).
/// </summary>
internal static class PathIdRules
{
    /// <summary>The segment pattern exactly as Marathon prints it in its error message.</summary>
    public const string SegmentPattern =
        @"^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])|(\.|\.\.)$";

    public const string PatternMessage = "must fully match regular expression '" + SegmentPattern + "'";

    public const string ReservedMessage = "must not end with any of the following reserved keywords: restart, tasks, versions, ., ..";

    public const string EmptyMessage = "Path must contain at least one path element";

    private static readonly string[] Reserved = ["restart", "tasks", "versions", ".", ".."];

    /// <summary>The rule violations of an app id or dependency (empty when valid).</summary>
    public static IReadOnlyList<string> Check(PathId id)
    {
        var errors = new List<string>();
        if (!id.Segments.All(s => IsValidSegment(s) || s is "." or ".."))
        {
            errors.Add(PatternMessage);
        }

        if (!id.IsEmpty && Reserved.Contains(id.Name))
        {
            errors.Add(ReservedMessage);
        }

        return errors;
    }

    /// <summary>One segment in label form (<c>web</c>, <c>api-v2</c>, <c>eu.west</c>); <c>.</c> and <c>..</c> are not.</summary>
    public static bool IsValidSegment(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        foreach (var label in segment.Split('.'))
        {
            if (label.Length == 0 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The looser pattern the JSON reader applies to id text before any resolution (Marathon's RAML
    /// <c>PathId</c> type): slash-separated pieces that are empty, <c>..</c> or label-form segments.
    /// A failure is reported as <c>error.pattern</c>.
    /// </summary>
    public static bool MatchesIdText(string text) =>
        text.Split('/').All(piece => piece.Length == 0 || piece == ".." || IsValidSegment(piece));
}
