using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>group_change_success</c>: a change of the group <paramref name="GroupId"/> was deployed.</summary>
internal sealed record GroupChangeSuccessEvent(PathId GroupId, DateTimeOffset Version) : MarathonEvent
{
    public override string EventType => EventTypes.GroupChangeSuccess;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("groupId", GroupId.ToString());
        WriteVersion(writer, "version", Version);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
