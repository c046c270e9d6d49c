using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>status_update_event</c>: a Mesos status update for one task. <paramref name="TaskStatus"/> is the Mesos state
/// name (<c>TASK_RUNNING</c>, …), <paramref name="Ports"/> the host ports, <paramref name="Version"/> the app version
/// the task runs.
/// </summary>
internal sealed record StatusUpdateEvent(
    string SlaveId,
    string TaskId,
    string TaskStatus,
    string Message,
    PathId AppId,
    string Host,
    IReadOnlyList<TaskIpAddress> IpAddresses,
    IReadOnlyList<int> Ports,
    DateTimeOffset Version) : MarathonEvent
{
    public override string EventType => EventTypes.StatusUpdate;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("slaveId", SlaveId);
        writer.WriteString("taskId", TaskId);
        writer.WriteString("taskStatus", TaskStatus);
        writer.WriteString("message", Message);
        writer.WriteString("appId", AppId.ToString());
        writer.WriteString("host", Host);
        writer.WriteStartArray("ipAddresses");
        foreach (var address in IpAddresses)
        {
            writer.WriteStartObject();
            writer.WriteString("ipAddress", address.IpAddress);
            writer.WriteString("protocol", WireNames.Of(address.Protocol));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ports");
        foreach (var port in Ports)
        {
            writer.WriteNumberValue(port);
        }

        writer.WriteEndArray();
        WriteVersion(writer, "version", Version);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
