using Regatta.Services.Deployments;

namespace Regatta.Services.Events;

/// <summary><c>deployment_step_success</c>: every action of <paramref name="CurrentStep"/> completed.</summary>
internal sealed record DeploymentStepSuccessEvent(EventPlan Plan, DeploymentStep CurrentStep) : DeploymentStepEvent(Plan, CurrentStep)
{
    public override string EventType => EventTypes.DeploymentStepSuccess;
}
