using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>unhealthy_instance_kill_event</c>: an instance is killed after too many failed health checks;
/// <paramref name="Reason"/> is the last failure (e.g. <c>500 Internal Server Error</c>). <c>slaveId</c> is left out
/// when unknown, as Marathon does.
/// </summary>
internal sealed record UnhealthyInstanceKillEvent(
    PathId AppId,
    string TaskId,
    string InstanceId,
    DateTimeOffset Version,
    string Reason,
    string Host,
    string? SlaveId) : MarathonEvent
{
    public override string EventType => EventTypes.UnhealthyInstanceKill;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("appId", AppId.ToString());
        writer.WriteString("taskId", TaskId);
        writer.WriteString("instanceId", InstanceId);
        WriteVersion(writer, "version", Version);
        writer.WriteString("reason", Reason);
        writer.WriteString("host", Host);
        if (SlaveId is not null)
        {
            writer.WriteString("slaveId", SlaveId);
        }

        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
