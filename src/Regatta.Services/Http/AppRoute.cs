using Regatta.Services.Model;

namespace Regatta.Services.Http;

internal enum AppRouteKind
{
    App,
    Restart,
    Tasks,
    Task,
    Versions,
}

/// <summary>
/// What a path under <c>/v2/apps/</c> names. App ids contain slashes and may not end with <c>restart</c>,
/// <c>tasks</c> or <c>versions</c>, so the suffix is read from the end: <c>a/b/tasks/t1</c> is task t1 of /a/b.
/// </summary>
internal readonly record struct AppRoute(AppRouteKind Kind, PathId AppId, string? Detail)
{
    public static AppRoute? Parse(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var (kind, take, detail) = segments switch
        {
            [.., "restart"] => (AppRouteKind.Restart, segments.Length - 1, null),
            [.., "tasks"] => (AppRouteKind.Tasks, segments.Length - 1, null),
            [.., "versions"] => (AppRouteKind.Versions, segments.Length - 1, null),
            [.., "tasks", var task] => (AppRouteKind.Task, segments.Length - 2, task),
            [.., "versions", var version] => (AppRouteKind.Versions, segments.Length - 2, version),
            _ => (AppRouteKind.App, segments.Length, (string?)null),
        };
        if (take == 0)
        {
            return null;
        }

        var id = PathId.FromSegments(segments.Take(take));
        return PathIdRules.Check(id).Count == 0 ? new AppRoute(kind, id, detail) : null;
    }
}
