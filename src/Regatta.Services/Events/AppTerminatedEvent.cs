using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>app_terminated_event</c>: the app was removed and its last task is gone.</summary>
internal sealed record AppTerminatedEvent(PathId AppId) : MarathonEvent
{
    public override string EventType => EventTypes.AppTerminated;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
