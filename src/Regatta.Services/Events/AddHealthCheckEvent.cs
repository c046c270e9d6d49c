using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>add_health_check_event</c>: the scheduler started probing <paramref name="HealthCheck"/> for an app version.</summary>
internal sealed record AddHealthCheckEvent(PathId AppId, DateTimeOffset Version, HealthCheck HealthCheck) : MarathonEvent
{
    public override string EventType => EventTypes.AddHealthCheck;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Marathon writes this one in alphabetical order.
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        writer.WriteString("eventType", EventType);
        writer.WritePropertyName("healthCheck");
        HealthCheckJson.Write(writer, AppId, HealthCheck);
        WriteTimestamp(writer);
        WriteVersion(writer, "version", Version);
        writer.WriteEndObject();
    }
}
