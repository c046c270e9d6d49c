using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>scheduler_disconnected_event</c>: the scheduler lost its connection to the master.</summary>
internal sealed record SchedulerDisconnectedEvent : MarathonEvent
{
    public override string EventType => EventTypes.SchedulerDisconnected;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
