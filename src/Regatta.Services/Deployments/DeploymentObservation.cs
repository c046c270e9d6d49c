namespace Regatta.Services.Deployments;

/// <summary>
/// What the deployment progress check sees: which apps are stored, and the tasks per app id (an app missing
/// from <paramref name="Tasks"/> has none).
/// </summary>
internal sealed record DeploymentObservation(
    IReadOnlySet<string> StoredApps,
    IReadOnlyDictionary<string, IReadOnlyList<TaskView>> Tasks)
{
    public IReadOnlyList<TaskView> TasksOf(string appId) => Tasks.GetValueOrDefault(appId) ?? [];
}
