using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>scheduler_reregistered_event</c>: the scheduler subscribed again (same framework id) to <paramref name="Master"/>.</summary>
internal sealed record SchedulerReregisteredEvent(string Master) : MarathonEvent
{
    public override string EventType => EventTypes.SchedulerReregistered;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("master", Master);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
