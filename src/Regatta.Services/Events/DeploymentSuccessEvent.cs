using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>deployment_success</c>: the whole plan completed. <c>id</c> repeats the plan's id.</summary>
internal sealed record DeploymentSuccessEvent(EventPlan Plan) : MarathonEvent
{
    public override string EventType => EventTypes.DeploymentSuccess;

    public override bool DependsOnPlanFormat => true;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", Plan.Id);
        writer.WritePropertyName("plan");
        Plan.Write(writer, format);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
