using System.Text.Json;
using Regatta.Services.Deployments;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>instance_changed_event</c>: an instance moved to another condition. <paramref name="AgentId"/> and
/// <paramref name="Host"/> are null (written as JSON null) while the instance is not placed yet.
/// </summary>
internal sealed record InstanceChangedEvent(
    string InstanceId,
    TaskCondition Condition,
    PathId RunSpecId,
    string? AgentId,
    string? Host,
    DateTimeOffset RunSpecVersion) : MarathonEvent
{
    public override string EventType => EventTypes.InstanceChanged;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("instanceId", InstanceId);
        writer.WriteString("condition", Condition.ToString());
        writer.WriteString("runSpecId", RunSpecId.ToString());
        writer.WriteString("agentId", AgentId);
        writer.WriteString("host", Host);
        WriteVersion(writer, "runSpecVersion", RunSpecVersion);

        // Marathon writes this event's timestamp before its type.
        WriteTimestamp(writer);
        writer.WriteString("eventType", EventType);
        writer.WriteEndObject();
    }
}
