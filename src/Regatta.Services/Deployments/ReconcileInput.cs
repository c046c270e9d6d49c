namespace Regatta.Services.Deployments;

/// <summary>
/// Everything <see cref="Reconciler.Decide"/> looks at for one app: the desired definition, its tasks (all
/// versions, including queued ones), its launch backoff, tasks explicitly sentenced to die on scale-down,
/// and the time. <see cref="KillChooser"/> is the hook for constraint-aware scale-down.
/// </summary>
internal sealed record ReconcileInput(PlannedApp App, IReadOnlyList<TaskView> Tasks, LaunchBackoff? Backoff, DateTimeOffset Now)
{
    public IReadOnlyCollection<string> Sentenced { get; init; } = [];

    public IKillChooser KillChooser { get; init; } = DefaultKillChooser.Instance;

    public TimeSpan LaunchTimeout { get; init; } = Housekeeping.DefaultLaunchTimeout;
}
