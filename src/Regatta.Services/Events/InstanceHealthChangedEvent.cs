using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>instance_health_changed_event</c>: the health of an instance as a whole changed; <paramref name="Healthy"/> is
/// null while unknown (no result yet).
/// </summary>
internal sealed record InstanceHealthChangedEvent(
    string InstanceId,
    PathId RunSpecId,
    DateTimeOffset RunSpecVersion,
    bool? Healthy) : MarathonEvent
{
    public override string EventType => EventTypes.InstanceHealthChanged;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("instanceId", InstanceId);
        writer.WriteString("runSpecId", RunSpecId.ToString());
        if (Healthy is { } healthy)
        {
            writer.WriteBoolean("healthy", healthy);
        }
        else
        {
            writer.WriteNull("healthy");
        }

        WriteVersion(writer, "runSpecVersion", RunSpecVersion);
        WriteTimestamp(writer);
        writer.WriteString("eventType", EventType);
        writer.WriteEndObject();
    }
}
