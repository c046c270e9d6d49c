using System.Text;
using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Launching;

/// <summary>
/// Writes Marathon's task object (1.10 shape, keys in the RAML order): absent optional values are left out, lists
/// are always written. A task that is no longer active shows neither its ports nor its launch times and version,
/// as in Marathon.
/// </summary>
internal static class ServiceTaskJson
{
    public static string ToJson(ServiceTaskView task)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AppJsonWriter.WriterOptions))
        {
            Write(writer, task);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The <c>GET /v2/tasks</c> body: <c>{"tasks":[…]}</c>.</summary>
    public static void WriteList(Utf8JsonWriter writer, IEnumerable<ServiceTaskView> tasks)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            Write(writer, task);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, ServiceTaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var active = TaskStateNames.IsActive(task.Condition);
        w.WriteStartObject();
        w.WriteString("appId", task.AppId.ToString());
        w.WriteStartArray("healthCheckResults");
        foreach (var health in task.HealthCheckResults)
        {
            WriteHealth(w, health);
        }

        w.WriteEndArray();
        w.WriteString("host", task.Host);
        w.WriteString("id", task.Id);
        w.WriteStartArray("ipAddresses");
        foreach (var address in task.IpAddresses)
        {
            w.WriteStartObject();
            w.WriteString("ipAddress", address.IpAddress);
            w.WriteString("protocol", WireNames.Of(address.Protocol));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteInts(w, "ports", active ? task.Ports : []);
        WriteInts(w, "servicePorts", task.ServicePorts);
        if (task.SlaveId is { } slaveId)
        {
            w.WriteString("slaveId", slaveId);
        }

        w.WriteString("state", TaskStateNames.Of(task.Condition));
        if (active)
        {
            WriteTime(w, "stagedAt", task.StagedAt);
            WriteTime(w, "startedAt", task.StartedAt);
            WriteTime(w, "version", task.Version);
        }

        // Persistent volumes are not supported, so no task has local volumes.
        w.WriteStartArray("localVolumes");
        w.WriteEndArray();
        WriteOptional(w, "region", task.Region);
        WriteOptional(w, "zone", task.Zone);
        w.WriteString("role", task.Role);
        w.WriteEndObject();
    }

    private static void WriteHealth(Utf8JsonWriter w, TaskHealthView health)
    {
        w.WriteStartObject();
        w.WriteBoolean("alive", health.Alive);
        w.WriteNumber("consecutiveFailures", health.ConsecutiveFailures);
        WriteTime(w, "firstSuccess", health.FirstSuccess);
        w.WriteString("instanceId", health.InstanceId);
        WriteTime(w, "lastSuccess", health.LastSuccess);
        WriteTime(w, "lastFailure", health.LastFailure);
        WriteOptional(w, "lastFailureCause", health.LastFailureCause);
        w.WriteEndObject();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, IReadOnlyList<int> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            w.WriteString(name, AppTimestamp.Format(value));
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
