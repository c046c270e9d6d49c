using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary><c>event_stream_attached</c>: a client opened <c>/v2/events</c> from <paramref name="RemoteAddress"/> (an IP).</summary>
internal sealed record EventStreamAttachedEvent(string RemoteAddress) : MarathonEvent
{
    public override string EventType => EventTypes.EventStreamAttached;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("remoteAddress", RemoteAddress);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
