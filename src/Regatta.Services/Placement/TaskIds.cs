using System.Text.RegularExpressions;

namespace Regatta.Services.Placement;

/// <summary>
/// Marathon task ids. We create the classic <c>&lt;safeAppId&gt;.&lt;uuid&gt;</c> form (Marathon ≤ 1.7), which
/// marathon-lb, the text <c>/v2/tasks</c> feed and older clients understand; we parse every form Marathon has used:
/// classic, resident (<c>.&lt;attempt&gt;</c>), instance (<c>.instance-&lt;uuid&gt;._app.&lt;incarnation&gt;</c>),
/// pod containers and the old <c>marathon-</c> prefix.
/// </summary>
internal static partial class TaskIds
{
    /// <summary><c>/prod/web</c> → <c>prod_web</c>; app ids cannot contain <c>_</c>, so the mapping reverses.</summary>
    public static string SafeAppId(string appId) => appId.TrimStart('/').Replace('/', '_');

    /// <summary>A new task id for <paramref name="appId"/>; the uuid comes from the caller (no hidden randomness).</summary>
    public static string Create(string appId, Guid uuid) => $"{SafeAppId(appId)}.{uuid:D}";

    /// <summary>The absolute app id a task id belongs to, or false when it is in none of Marathon's forms.</summary>
    public static bool TryParseAppId(string? taskId, out string appId)
    {
        appId = string.Empty;
        if (string.IsNullOrEmpty(taskId))
        {
            return false;
        }

        // The instance forms first: the classic pattern would also match them, with the wrong split.
        var match = InstanceForm().Match(taskId);
        if (!match.Success)
        {
            match = ResidentForm().Match(taskId);
        }

        if (!match.Success)
        {
            match = ClassicForm().Match(taskId);
        }

        if (!match.Success)
        {
            return false;
        }

        appId = "/" + match.Groups["app"].Value.Replace('_', '/');
        return true;
    }

    [GeneratedRegex(@"^(?<app>.+)\.(?:instance-|marathon-)[^_.]+[._][^.]+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceForm();

    [GeneratedRegex(@"^(?<app>.+)[._][^_.]+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ResidentForm();

    [GeneratedRegex(@"^(?<app>.+)[._][^_.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassicForm();
}
