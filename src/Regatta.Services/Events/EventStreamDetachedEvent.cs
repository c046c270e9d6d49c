using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>event_stream_detached</c>: the <c>/v2/events</c> client at <paramref name="RemoteAddress"/> left or was dropped.</summary>
internal sealed record EventStreamDetachedEvent(string RemoteAddress) : MarathonEvent
{
    public override string EventType => EventTypes.EventStreamDetached;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("remoteAddress", RemoteAddress);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
