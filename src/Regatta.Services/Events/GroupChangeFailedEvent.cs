using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>group_change_failed</c>: a change of the group <paramref name="GroupId"/> could not be deployed.</summary>
internal sealed record GroupChangeFailedEvent(PathId GroupId, DateTimeOffset Version, string Reason) : MarathonEvent
{
    public override string EventType => EventTypes.GroupChangeFailed;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("groupId", GroupId.ToString());
        WriteVersion(writer, "version", Version);
        writer.WriteString("reason", Reason);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
