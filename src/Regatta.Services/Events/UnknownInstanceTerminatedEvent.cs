using System.Text.Json;
using Regatta.Services.Deployments;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary><c>unknown_instance_terminated_event</c>: a status update ended an instance the scheduler did not know.</summary>
internal sealed record UnknownInstanceTerminatedEvent(string InstanceId, PathId RunSpecId, TaskCondition Condition) : MarathonEvent
{
    public override string EventType => EventTypes.UnknownInstanceTerminated;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("instanceId", InstanceId);
        writer.WriteString("runSpecId", RunSpecId.ToString());
        writer.WriteString("condition", Condition.ToString());
        WriteTimestamp(writer);
        writer.WriteString("eventType", EventType);
        writer.WriteEndObject();
    }
}
