using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>scheduler_registered_event</c>: the scheduler subscribed to the master and got <paramref name="FrameworkId"/>.</summary>
internal sealed record SchedulerRegisteredEvent(string FrameworkId, string Master) : MarathonEvent
{
    public override string EventType => EventTypes.SchedulerRegistered;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("frameworkId", FrameworkId);
        writer.WriteString("master", Master);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
