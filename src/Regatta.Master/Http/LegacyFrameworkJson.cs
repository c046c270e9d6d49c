using System.Text.Json;
using Regatta.Master.Snapshots;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Http;

/// <summary>Framework objects: the summary (state-summary) and the full form (state, frameworks).</summary>
internal static class LegacyFrameworkJson
{
    /// <summary>The fields shared by every framework rendering.</summary>
    public static void WriteSummaryFields(Utf8JsonWriter writer, FrameworkSnapshot framework)
    {
        writer.WriteString("id", framework.Id);
        writer.WriteString("name", framework.Info.Name);

        // "pid" is only present for libprocess (v0) schedulers; every Regatta framework uses the HTTP API.
        LegacyJson.WriteResources(writer, "used_resources", framework.Used);
        LegacyJson.WriteResources(writer, "offered_resources", framework.Offered);
        writer.WriteStartArray("capabilities");
        foreach (var capability in framework.Info.Capabilities)
        {
            writer.WriteStringValue(JsonEnumNames.Name(capability.Type));
        }

        writer.WriteEndArray();
        writer.WriteString("hostname", framework.Info.Hostname);
        writer.WriteString("webui_url", framework.Info.WebuiUrl);
        writer.WriteBoolean("active", framework.Active);
        writer.WriteBoolean("connected", framework.Connected);
        writer.WriteBoolean("recovered", framework.Recovered);
    }

    public static async ValueTask WriteFullAsync(JsonStream stream, FrameworkSnapshot framework)
    {
        var writer = stream.Writer;
        writer.WriteStartObject();
        WriteSummaryFields(writer, framework);
        writer.WriteString("user", framework.Info.User);
        writer.WriteNumber("failover_timeout", framework.Info.FailoverTimeout);
        writer.WriteBoolean("checkpoint", framework.Info.Checkpoint);

        // Mesos prints the epoch (0) for a time it does not have, e.g. a recovered framework's registration.
        var registered = framework.RegisteredTime is { } r ? LegacyJson.Seconds(r) : 0;
        writer.WriteNumber("registered_time", registered);
        writer.WriteNumber("unregistered_time", framework.UnregisteredTime is { } u ? LegacyJson.Seconds(u) : 0);
        if (framework.Info.HasPrincipal)
        {
            writer.WriteString("principal", framework.Info.Principal);
        }

        LegacyJson.WriteResources(writer, "resources", framework.Used + framework.Offered);
        if (framework.ReregisteredTime is { } reregistered && LegacyJson.Seconds(reregistered) != registered)
        {
            writer.WriteNumber("reregistered_time", LegacyJson.Seconds(reregistered));
        }

        if (framework.IsMultiRole)
        {
            LegacyJson.WriteStrings(writer, "roles", framework.Roles);
        }
        else
        {
            writer.WriteString("role", FallbackRole(framework));
        }

        await WriteTasksAsync(stream, "tasks", framework.Tasks, FallbackRole(framework)).ConfigureAwait(false);
        await WriteTasksAsync(stream, "unreachable_tasks", framework.UnreachableTasks, FallbackRole(framework)).ConfigureAwait(false);
        await WriteTasksAsync(stream, "completed_tasks", framework.CompletedTasks, FallbackRole(framework)).ConfigureAwait(false);
        writer.WriteStartArray("offers");
        foreach (var offer in framework.Offers)
        {
            LegacyTaskJson.WriteOffer(writer, offer);
        }

        writer.WriteEndArray();

        // Command tasks run under the agent's built-in executor, which Mesos does not list.
        writer.WriteStartArray("executors");
        writer.WriteEndArray();
        if (framework.Info.Labels is not null)
        {
            LegacyJson.WriteLabels(writer, "labels", framework.Info.Labels);
        }

        writer.WriteStartObject("offer_constraints");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The role a single-role framework subscribed with (<c>*</c> when it named none).</summary>
    public static string FallbackRole(FrameworkSnapshot framework) => framework.Roles.Count > 0 ? framework.Roles[0] : "*";

    private static async ValueTask WriteTasksAsync(JsonStream stream, string property, IReadOnlyList<MesosTask> tasks, string fallbackRole)
    {
        stream.Writer.WriteStartArray(property);
        foreach (var task in tasks)
        {
            LegacyTaskJson.Write(stream.Writer, task, fallbackRole);
            await stream.CheckpointAsync().ConfigureAwait(false);
        }

        stream.Writer.WriteEndArray();
    }
}
