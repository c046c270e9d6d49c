using Regatta.Services.Deployments;

namespace Regatta.Services.Tests.Deployments;

/// <summary>Terse builders for apps, tasks and plans in deployment tests.</summary>
internal static class Build
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PlannedApp App(string id, string version = "v1", int instances = 1, params string[] dependencies) =>
        new(id, version, instances) { Dependencies = dependencies };

    public static Dictionary<string, PlannedApp> Apps(params PlannedApp[] apps) =>
        apps.ToDictionary(a => a.Id, StringComparer.Ordinal);

    /// <summary>A running task started <paramref name="ageSeconds"/> before <see cref="T0"/>.</summary>
    public static TaskView Running(string id, string version = "v1", bool? healthy = null, bool? ready = null, int ageSeconds = 100, string appId = "/app") =>
        new(id, appId, version, TaskCondition.Running, healthy, ready, T0.AddSeconds(-ageSeconds - 1), T0.AddSeconds(-ageSeconds));

    public static TaskView Task(string id, TaskCondition condition, string version = "v1", int ageSeconds = 100, string appId = "/app") =>
        new(id, appId, version, condition, StagedAt: condition == TaskCondition.Scheduled ? null : T0.AddSeconds(-ageSeconds));

    public static TaskView Unreachable(string id, DateTimeOffset since, TaskCondition condition = TaskCondition.Unreachable) =>
        new(id, "/app", "v1", condition, StagedAt: since.AddSeconds(-500), RunningSince: since.AddSeconds(-499), UnreachableSince: since);

    /// <summary>The plan as one line per step: "StartApplication /a, ScaleApplication /b".</summary>
    public static string[] Render(DeploymentPlan plan) =>
        [.. plan.Steps.Select(s => string.Join(", ", s.Actions.Select(a => $"{a.Name} {a.AppId}")))];

    public static string[] Ids(IEnumerable<TaskKill> kills) => [.. kills.Select(k => k.TaskId)];
}
