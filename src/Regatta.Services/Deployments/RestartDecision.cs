namespace Regatta.Services.Deployments;

/// <summary>
/// One answer of <see cref="RollingRestart.Next"/>: tasks to kill, how many tasks of
/// <see cref="LaunchVersion"/> to queue, and whether the restart is complete. <see cref="Serving"/> and
/// <see cref="Occupying"/> are the counts it saw (for logs and <c>/v2/deployments</c>).
/// </summary>
internal sealed record RestartDecision(
    IReadOnlyList<TaskKill> Kills,
    int Launch,
    string LaunchVersion,
    bool Done,
    int Serving,
    int Occupying);
