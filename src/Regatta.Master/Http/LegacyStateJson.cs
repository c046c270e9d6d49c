using System.Text.Json;
using Regatta.Master.Snapshots;

namespace Regatta.Master.Http;

/// <summary>The body of <c>/master/state</c>, written element by element from an immutable snapshot.</summary>
internal static class LegacyStateJson
{
    public static async ValueTask WriteAsync(JsonStream stream, MasterSnapshot snapshot)
    {
        var writer = stream.Writer;
        var info = snapshot.MasterInfo;
        writer.WriteStartObject();
        writer.WriteString("version", OperatorBuildInfo.VersionOf(info));
        writer.WriteString("build_date", OperatorBuildInfo.BuildDate);
        writer.WriteNumber("build_time", OperatorBuildInfo.BuildTimeSeconds);
        writer.WriteString("build_user", OperatorBuildInfo.BuildUser);
        writer.WriteNumber("start_time", LegacyJson.Seconds(snapshot.StartTime));
        if (snapshot.ElectedTime is { } elected)
        {
            writer.WriteNumber("elected_time", LegacyJson.Seconds(elected));
        }

        writer.WriteString("id", info.Id);
        writer.WriteString("pid", snapshot.Pid);
        writer.WriteString("hostname", info.Hostname);
        writer.WriteStartArray("capabilities");
        foreach (var capability in info.Capabilities)
        {
            writer.WriteStringValue(JsonEnumNames.Name(capability.Type));
        }

        writer.WriteEndArray();
        writer.WriteNumber("activated_slaves", snapshot.Agents.Count(a => a.Active));
        writer.WriteNumber("deactivated_slaves", snapshot.Agents.Count(a => !a.Active));
        writer.WriteNumber("unreachable_slaves", snapshot.UnreachableAgents.Count);
        if (info.Domain is not null)
        {
            LegacyJson.WriteMessage(writer, "domain", info.Domain);
        }

        if (snapshot.ElectedTime is not null)
        {
            // A single (or leading) master: the leader is this master.
            writer.WriteString("leader", snapshot.Pid);
            WriteLeaderInfo(writer, snapshot);
        }

        if (snapshot.Cluster is { } cluster)
        {
            writer.WriteString("cluster", cluster);
        }

        if (snapshot.Flags.TryGetValue("log_dir", out var logDir))
        {
            writer.WriteString("log_dir", logDir);
        }

        WriteFlags(writer, "flags", snapshot.Flags);
        writer.WriteStartArray("slaves");
        foreach (var agent in snapshot.Agents)
        {
            LegacyAgentJson.Write(writer, agent);
            await stream.CheckpointAsync().ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("recovered_slaves");
        foreach (var agent in snapshot.RecoveredAgents)
        {
            LegacyAgentJson.WriteInfo(writer, agent);
        }

        writer.WriteEndArray();
        await WriteFrameworksAsync(stream, "frameworks", snapshot.Frameworks, null).ConfigureAwait(false);
        await WriteFrameworksAsync(stream, "completed_frameworks", snapshot.CompletedFrameworks, null).ConfigureAwait(false);
        writer.WriteStartArray("orphan_tasks");
        writer.WriteEndArray();
        writer.WriteStartArray("unregistered_frameworks");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static async ValueTask WriteFrameworksAsync(
        JsonStream stream, string property, IReadOnlyList<FrameworkSnapshot> frameworks, string? frameworkId)
    {
        stream.Writer.WriteStartArray(property);
        foreach (var framework in frameworks)
        {
            if (frameworkId is null || framework.Id == frameworkId)
            {
                await LegacyFrameworkJson.WriteFullAsync(stream, framework).ConfigureAwait(false);
                await stream.CheckpointAsync().ConfigureAwait(false);
            }
        }

        stream.Writer.WriteEndArray();
    }

    public static void WriteFlags(Utf8JsonWriter writer, string property, IReadOnlyDictionary<string, string> flags)
    {
        writer.WriteStartObject(property);
        foreach (var (name, value) in flags.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteLeaderInfo(Utf8JsonWriter writer, MasterSnapshot snapshot)
    {
        var info = snapshot.MasterInfo;
        writer.WriteStartObject("leader_info");
        writer.WriteString("id", info.Id);
        writer.WriteString("pid", snapshot.Pid);
        writer.WriteNumber("port", info.Port);
        writer.WriteString("hostname", info.Hostname);
        if (info.Domain is not null)
        {
            LegacyJson.WriteMessage(writer, "domain", info.Domain);
        }

        writer.WriteEndObject();
    }
}
