using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary>
/// <c>deployment_failed</c>: the deployment failed or was cancelled. <c>reason</c> comes last and only when known,
/// as in Marathon.
/// </summary>
internal sealed record DeploymentFailedEvent(EventPlan Plan, string? Reason = null) : MarathonEvent
{
    public override string EventType => EventTypes.DeploymentFailed;

    public override bool DependsOnPlanFormat => true;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", Plan.Id);
        writer.WritePropertyName("plan");
        Plan.Write(writer, format);
        WriteTypeAndTimestamp(writer);
        if (Reason is not null)
        {
            writer.WriteString("reason", Reason);
        }

        writer.WriteEndObject();
    }
}
