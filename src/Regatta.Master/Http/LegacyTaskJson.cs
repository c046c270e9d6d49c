using System.Text.Json;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Http;

/// <summary>Task, status and offer objects of the legacy endpoints.</summary>
internal static class LegacyTaskJson
{
    /// <param name="fallbackRole">The role to print when the task's resources carry no allocation role.</param>
    public static void Write(Utf8JsonWriter writer, MesosTask task, string fallbackRole)
    {
        writer.WriteStartObject();
        writer.WriteString("id", task.TaskId?.Value ?? string.Empty);
        writer.WriteString("name", task.Name);
        writer.WriteString("framework_id", task.FrameworkId?.Value ?? string.Empty);

        // Command tasks have no executor id in Mesos's state, which prints the empty string.
        writer.WriteString("executor_id", task.ExecutorId?.Value ?? string.Empty);
        writer.WriteString("slave_id", task.AgentId?.Value ?? string.Empty);
        writer.WriteString("state", JsonEnumNames.Name(task.State));
        LegacyJson.WriteResources(writer, "resources", task.Resources);
        if (task.Limits.Count > 0)
        {
            writer.WriteStartObject("limits");
            foreach (var (name, scalar) in task.Limits.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(name, scalar.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteString("role", RoleOf(task, fallbackRole));
        writer.WriteStartArray("statuses");
        foreach (var status in task.Statuses)
        {
            WriteStatus(writer, status);
        }

        writer.WriteEndArray();
        if (task.HasUser)
        {
            writer.WriteString("user", task.User);
        }

        if (task.Labels is not null)
        {
            LegacyJson.WriteLabels(writer, "labels", task.Labels);
        }

        if (task.Discovery is not null)
        {
            LegacyJson.WriteMessage(writer, "discovery", task.Discovery);
        }

        if (task.Container is not null)
        {
            LegacyJson.WriteMessage(writer, "container", task.Container);
        }

        if (task.HealthCheck is not null)
        {
            LegacyJson.WriteMessage(writer, "health_check", task.HealthCheck);
        }

        writer.WriteEndObject();
    }

    public static void WriteStatus(Utf8JsonWriter writer, Regatta.Protocol.V1.TaskStatus status)
    {
        writer.WriteStartObject();
        writer.WriteString("state", JsonEnumNames.Name(status.State));
        writer.WriteNumber("timestamp", status.Timestamp);
        if (status.Labels is not null)
        {
            LegacyJson.WriteLabels(writer, "labels", status.Labels);
        }

        if (status.ContainerStatus is not null)
        {
            LegacyJson.WriteMessage(writer, "container_status", status.ContainerStatus);
        }

        if (status.HasHealthy)
        {
            writer.WriteBoolean("healthy", status.Healthy);
        }

        writer.WriteEndObject();
    }

    public static void WriteOffer(Utf8JsonWriter writer, OfferSnapshot offer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", offer.Id);
        writer.WriteString("framework_id", offer.FrameworkId);
        LegacyJson.WriteMessage(
            writer,
            "allocation_info",
            offer.Offer.AllocationInfo ?? new Resource.Types.AllocationInfo { Role = offer.Role });
        writer.WriteString("slave_id", offer.AgentId);
        LegacyJson.WriteResources(writer, "resources", offer.Resources);
        writer.WriteEndObject();
    }

    /// <summary>Mesos prints the allocation role of the task's first resource.</summary>
    public static string RoleOf(MesosTask task, string fallbackRole) =>
        task.Resources.Count > 0 && task.Resources[0].AllocationInfo is { HasRole: true } allocation
            ? allocation.Role
            : fallbackRole;

    /// <summary>The time of the task's first status, which <c>/master/tasks</c> sorts by.</summary>
    public static double? StartTime(MesosTask task) => task.Statuses.Count > 0 ? task.Statuses[0].Timestamp : null;
}
