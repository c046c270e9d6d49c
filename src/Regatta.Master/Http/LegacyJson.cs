using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf.Collections;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Resources;
using V1Attribute = Regatta.Protocol.V1.Attribute;
using V1Resource = Regatta.Protocol.V1.Resource;

namespace Regatta.Master.Http;

/// <summary>
/// The value renderings of Mesos's legacy (v0) JSON endpoints that differ from the v1 JSON mapping: resources
/// as one flat object (<c>{"cpus":2,"mem":128,"ports":"[31000-31001]"}</c>), attributes as
/// <c>{"rack":"r1"}</c>, times as double seconds, enums and ids as bare strings.
/// </summary>
internal static class LegacyJson
{
    public static void WriteResources(Utf8JsonWriter writer, string property, ResourceSet resources)
    {
        writer.WritePropertyName(property);
        WriteResourcesValue(writer, resources);
    }

    public static void WriteResources(Utf8JsonWriter writer, string property, RepeatedField<V1Resource> resources)
    {
        writer.WritePropertyName(property);
        if (ResourceWire.TryFromProto(resources, out var set, out _))
        {
            WriteResourcesValue(writer, set);
            return;
        }

        // Something we could not model (a malformed resource from an old registry entry): show the scalars
        // rather than fail the whole endpoint.
        writer.WriteStartObject();
        var totals = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["cpus"] = 0, ["disk"] = 0, ["gpus"] = 0, ["mem"] = 0 };
        foreach (var resource in resources)
        {
            if (resource.Type == Value.Types.Type.Scalar && resource.Scalar is { } scalar)
            {
                totals[resource.Name] = totals.GetValueOrDefault(resource.Name) + scalar.Value;
            }
        }

        foreach (var (name, value) in totals)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteResourcesValue(Utf8JsonWriter writer, ResourceSet resources)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in resources.ToFlatJsonValues())
        {
            if (value is double number)
            {
                writer.WriteNumber(name, number);
            }
            else
            {
                writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        writer.WriteEndObject();
    }

    /// <summary><c>role → flat resources</c>, roles in name order.</summary>
    public static void WriteResourcesByRole(Utf8JsonWriter writer, string property, IReadOnlyDictionary<string, ResourceSet> byRole)
    {
        writer.WriteStartObject(property);
        foreach (var (role, resources) in byRole.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            WriteResources(writer, role, resources);
        }

        writer.WriteEndObject();
    }

    /// <summary>Resources in the v1 JSON mapping (the <c>*_full</c> fields of <c>/master/slaves</c>).</summary>
    public static void WriteFullResources(Utf8JsonWriter writer, string property, ResourceSet resources)
    {
        writer.WriteStartArray(property);
        foreach (var resource in ResourceWire.ToProto(resources))
        {
            MesosJson.Write(writer, resource);
        }

        writer.WriteEndArray();
    }

    public static void WriteFullResources(Utf8JsonWriter writer, string property, IEnumerable<V1Resource> resources)
    {
        writer.WriteStartArray(property);
        foreach (var resource in resources)
        {
            MesosJson.Write(writer, resource);
        }

        writer.WriteEndArray();
    }

    public static void WriteAttributes(Utf8JsonWriter writer, string property, RepeatedField<V1Attribute> attributes)
    {
        writer.WriteStartObject(property);
        foreach (var attribute in attributes)
        {
            switch (attribute.Type)
            {
                case Value.Types.Type.Scalar:
                    writer.WriteNumber(attribute.Name, attribute.Scalar?.Value ?? 0);
                    break;
                case Value.Types.Type.Ranges:
                    writer.WriteString(attribute.Name, FormatRanges(attribute.Ranges));
                    break;
                case Value.Types.Type.Set:
                    writer.WriteString(attribute.Name, "{" + string.Join(",", attribute.Set?.Item ?? []) + "}");
                    break;
                default:
                    writer.WriteString(attribute.Name, attribute.Text?.Value ?? string.Empty);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Labels as Mesos's legacy writer prints them: an array of <c>{"key","value"}</c> objects.</summary>
    public static void WriteLabels(Utf8JsonWriter writer, string property, Labels labels)
    {
        writer.WriteStartArray(property);
        foreach (var label in labels.Labels_)
        {
            MesosJson.Write(writer, label);
        }

        writer.WriteEndArray();
    }

    public static void WriteMessage(Utf8JsonWriter writer, string property, Google.Protobuf.IMessage message)
    {
        writer.WritePropertyName(property);
        MesosJson.Write(writer, message);
    }

    public static void WriteStrings(Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static double Seconds(DateTimeOffset time) => Snapshots.SnapshotProtos.ToEpochSeconds(time);

    private static string FormatRanges(Value.Types.Ranges? ranges)
    {
        var text = new StringBuilder("[");
        if (ranges is not null)
        {
            for (var i = 0; i < ranges.Range.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                text.Append(CultureInfo.InvariantCulture, $"{ranges.Range[i].Begin}-{ranges.Range[i].End}");
            }
        }

        return text.Append(']').ToString();
    }
}
