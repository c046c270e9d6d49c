using System.Text.Json;
using Regatta.Services.Deployments;

namespace Regatta.Services.Events;

/// <summary>
/// The deployment events about one step (<c>deployment_info</c>, <c>deployment_step_success</c>,
/// <c>deployment_step_failure</c>): <c>plan</c>, <c>currentStep</c>, then type and timestamp.
/// </summary>
internal abstract record DeploymentStepEvent(EventPlan Plan, DeploymentStep CurrentStep) : MarathonEvent
{
    public override bool DependsOnPlanFormat => true;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("plan");
        Plan.Write(writer, format);
        writer.WritePropertyName("currentStep");
        EventPlan.WriteStep(writer, CurrentStep);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
