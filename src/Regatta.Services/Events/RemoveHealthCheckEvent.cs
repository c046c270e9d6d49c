using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>remove_health_check_event</c>: the scheduler stopped probing an app's health checks.</summary>
internal sealed record RemoveHealthCheckEvent(PathId AppId) : MarathonEvent
{
    public override string EventType => EventTypes.RemoveHealthCheck;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
