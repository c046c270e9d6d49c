using System.Text.Json;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;

namespace Regatta.Master.Http;

/// <summary>The agent ("slave") objects of <c>/master/state</c>, <c>/master/slaves</c> and <c>/master/state-summary</c>.</summary>
internal static class LegacyAgentJson
{
    /// <summary>The <c>SlaveInfo</c> part alone: what <c>recovered_slaves</c> lists.</summary>
    public static void WriteInfoFields(Utf8JsonWriter writer, AgentInfo info)
    {
        writer.WriteString("id", info.Id?.Value ?? string.Empty);
        writer.WriteString("hostname", info.Hostname);
        writer.WriteNumber("port", info.Port);
        LegacyJson.WriteAttributes(writer, "attributes", info.Attributes);
        if (info.Domain is not null)
        {
            LegacyJson.WriteMessage(writer, "domain", info.Domain);
        }
    }

    public static void WriteInfo(Utf8JsonWriter writer, AgentInfo info)
    {
        writer.WriteStartObject();
        WriteInfoFields(writer, info);
        writer.WriteEndObject();
    }

    /// <summary>Every field of a registered agent, without the closing brace (callers append their extras).</summary>
    public static void WriteFields(Utf8JsonWriter writer, AgentSnapshot agent)
    {
        WriteInfoFields(writer, agent.Info);
        writer.WriteString("pid", agent.Pid);
        writer.WriteNumber("registered_time", LegacyJson.Seconds(agent.RegisteredTime));
        if (agent.ReregisteredTime is { } reregistered)
        {
            writer.WriteNumber("reregistered_time", LegacyJson.Seconds(reregistered));
        }

        LegacyJson.WriteResources(writer, "resources", agent.Total);
        LegacyJson.WriteResources(writer, "used_resources", agent.Used);
        LegacyJson.WriteResources(writer, "offered_resources", agent.Offered);
        LegacyJson.WriteResourcesByRole(writer, "reserved_resources", agent.ReservedByRole);
        LegacyJson.WriteResources(writer, "unreserved_resources", agent.Unreserved);
        writer.WriteBoolean("active", agent.Active);
        writer.WriteBoolean("deactivated", agent.Deactivated);
        writer.WriteString("version", agent.Version ?? string.Empty);
        writer.WriteStartArray("capabilities");
        foreach (var capability in agent.Capabilities)
        {
            writer.WriteStringValue(JsonEnumNames.Name(capability.Type));
        }

        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, AgentSnapshot agent)
    {
        writer.WriteStartObject();
        WriteFields(writer, agent);
        writer.WriteEndObject();
    }

    /// <summary>The <c>/master/slaves</c> form: the state fields plus the v1 resource arrays operators feed to <c>/unreserve</c>.</summary>
    public static void WriteFull(Utf8JsonWriter writer, AgentSnapshot agent)
    {
        writer.WriteStartObject();
        WriteFields(writer, agent);
        writer.WriteStartObject("reserved_resources_full");
        foreach (var (role, resources) in agent.ReservedByRole.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            LegacyJson.WriteFullResources(writer, role, resources);
        }

        writer.WriteEndObject();
        LegacyJson.WriteFullResources(writer, "unreserved_resources_full", agent.Unreserved);
        LegacyJson.WriteFullResources(writer, "used_resources_full", SnapshotProtos.WithAllocationRoles(agent.AllocatedByRole));
        LegacyJson.WriteFullResources(writer, "offered_resources_full", SnapshotProtos.WithAllocationRoles(agent.OfferedByRole));
        writer.WriteEndObject();
    }
}
