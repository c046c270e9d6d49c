using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>failed_health_check_event</c>: one probe of <paramref name="HealthCheck"/> failed. Marathon 1.10 puts the instance
/// id into <c>taskId</c>; Regatta sends the task id there when it has one (else the instance id) and adds
/// <c>instanceId</c>. Keys in Marathon's (alphabetical) order for this event.
/// </summary>
internal sealed record FailedHealthCheckEvent(
    PathId AppId,
    string InstanceId,
    HealthCheck HealthCheck,
    string? TaskId = null) : MarathonEvent
{
    public override string EventType => EventTypes.FailedHealthCheck;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        writer.WriteString("eventType", EventType);
        writer.WritePropertyName("healthCheck");
        HealthCheckJson.Write(writer, AppId, HealthCheck);
        writer.WriteString("instanceId", InstanceId);
        writer.WriteString("taskId", TaskId ?? InstanceId);
        WriteTimestamp(writer);
        writer.WriteEndObject();
    }
}
