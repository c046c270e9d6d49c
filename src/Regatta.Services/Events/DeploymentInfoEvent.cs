using Regatta.Services.Deployments;

namespace Regatta.Services.Events;

/// <summary><c>deployment_info</c>: a deployment starts a step (<paramref name="CurrentStep"/>).</summary>
internal sealed record DeploymentInfoEvent(EventPlan Plan, DeploymentStep CurrentStep) : DeploymentStepEvent(Plan, CurrentStep)
{
    public override string EventType => EventTypes.DeploymentInfo;
}
