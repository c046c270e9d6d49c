using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>health_status_changed_event</c>: a health check's verdict on an instance flipped. marathon-lb resyncs on it.
/// <paramref name="TaskId"/> is Regatta's addition for clients written against Marathon up to 1.3, which keyed this
/// event by task; it is left out when null.
/// </summary>
internal sealed record HealthStatusChangedEvent(
    PathId AppId,
    string InstanceId,
    DateTimeOffset Version,
    bool Alive,
    string? TaskId = null) : MarathonEvent
{
    public override string EventType => EventTypes.HealthStatusChanged;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        if (TaskId is not null)
        {
            writer.WriteString("taskId", TaskId);
        }

        writer.WriteString("instanceId", InstanceId);
        WriteVersion(writer, "version", Version);
        writer.WriteBoolean("alive", Alive);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
