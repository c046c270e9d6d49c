namespace Regatta.Services.Deployments;

/// <summary>
/// The result of <see cref="DeploymentProgress.Advance"/>: the new state, the events to publish, and the next
/// deadline to wake up for. <see cref="RollBack"/> is set when the deployment failed: the caller applies
/// <see cref="DeploymentPlanner.Rollback"/> as a forced deployment.
/// </summary>
internal sealed record DeploymentAdvance(
    DeploymentState State,
    IReadOnlyList<DeploymentEvent> Events,
    DateTimeOffset? NextCheckAt,
    IReadOnlyList<string> TimedOutApps)
{
    public bool RollBack => State.Status == DeploymentStatus.Failed;
}
