using System.Text.Json;
using Regatta.Master.Snapshots;
using Regatta.Resources;

namespace Regatta.Master.Http;

/// <summary><c>/master/roles</c> and GET <c>/master/weights</c>.</summary>
internal static class LegacyRolesJson
{
    public static void WriteRoles(Utf8JsonWriter writer, MasterSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("roles");
        foreach (var role in snapshot.Roles)
        {
            writer.WriteStartObject();
            writer.WriteString("name", role.Name);
            writer.WriteNumber("weight", role.Weight);

            // Quota is not implemented: no guarantee, no limit; consumption is what the role holds.
            writer.WriteStartObject("quota");
            writer.WriteString("role", role.Name);
            WriteQuantities(writer, "guarantee", ResourceSet.Empty);
            WriteQuantities(writer, "limit", ResourceSet.Empty);
            WriteQuantities(writer, "consumed", role.Allocated.Unreserved + role.Reserved);
            writer.WriteEndObject();
            WriteQuantities(writer, "resources", role.Allocated + role.Offered);
            WriteQuantities(writer, "allocated", role.Allocated);
            WriteQuantities(writer, "offered", role.Offered);
            WriteQuantities(writer, "reserved", role.Reserved);
            LegacyJson.WriteStrings(writer, "frameworks", role.FrameworkIds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteWeights(Utf8JsonWriter writer, MasterSnapshot snapshot)
    {
        writer.WriteStartArray();
        foreach (var (role, weight) in snapshot.Weights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteNumber("weight", weight);
            writer.WriteString("role", role);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Mesos's ResourceQuantities rendering: scalar name → total, only names that are present.</summary>
    private static void WriteQuantities(Utf8JsonWriter writer, string property, ResourceSet resources)
    {
        writer.WriteStartObject(property);
        foreach (var (name, value) in resources.ScalarTotals().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
    }
}
