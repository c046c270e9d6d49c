using Regatta.Services.Deployments;

namespace Regatta.Services.Events;

/// <summary><c>deployment_step_failure</c>: <paramref name="CurrentStep"/> failed (or the deployment was cancelled in it).</summary>
internal sealed record DeploymentStepFailureEvent(EventPlan Plan, DeploymentStep CurrentStep) : DeploymentStepEvent(Plan, CurrentStep)
{
    public override string EventType => EventTypes.DeploymentStepFailure;
}
