using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>Writes a message in Mesos's JSON mapping (stout's <c>JSON::protobuf</c> rules).</summary>
internal static class MesosJsonWriter
{
    // Messages are trees, but nothing stops code from assigning a ContainerID as its own parent; fail loudly
    // instead of overflowing the stack.
    private const int MaxDepth = 100;

    private static readonly JsonEncodedText Infinity = JsonEncodedText.Encode("Infinity");
    private static readonly JsonEncodedText NegativeInfinity = JsonEncodedText.Encode("-Infinity");
    private static readonly JsonEncodedText NaN = JsonEncodedText.Encode("NaN");

    public static void WriteMessage(Utf8JsonWriter writer, IMessage message, MessageTable table, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException(
                $"Message {table.Descriptor.FullName} nests deeper than {MaxDepth} levels (a cycle?).");
        }

        writer.WriteStartObject();
        foreach (var field in table.Fields)
        {
            if (field.IsMap)
            {
                var map = (IDictionary)field.Accessor.GetValue(message);
                if (map.Count == 0)
                {
                    continue;
                }

                writer.WritePropertyName(field.JsonName);
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(MapKeyToString(entry.Key));
                    WriteValue(writer, field.MapValue!, entry.Value!, depth);
                }

                writer.WriteEndObject();
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                if (list.Count == 0)
                {
                    continue;
                }

                writer.WritePropertyName(field.JsonName);
                writer.WriteStartArray();
                for (var i = 0; i < list.Count; i++)
                {
                    WriteValue(writer, field, list[i]!, depth);
                }

                writer.WriteEndArray();
            }
            else if (field.EmitWhenUnset || field.Accessor.HasValue(message))
            {
                // For an unset field with a default the generated getter already returns that default.
                writer.WritePropertyName(field.JsonName);
                WriteValue(writer, field, field.Accessor.GetValue(message), depth);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FieldEntry field, object value, int depth)
    {
        switch (field.Type)
        {
            case FieldType.Message:
            case FieldType.Group:
                WriteMessage(writer, (IMessage)value, field.Message, depth + 1);
                break;
            case FieldType.String:
                writer.WriteStringValue((string)value);
                break;
            case FieldType.Bytes:
                writer.WriteBase64StringValue(((ByteString)value).Span);
                break;
            case FieldType.Bool:
                writer.WriteBooleanValue((bool)value);
                break;
            case FieldType.Double:
                WriteDouble(writer, (double)value);
                break;
            case FieldType.Float:
                var single = (float)value;
                if (float.IsFinite(single))
                {
                    writer.WriteNumberValue(single);
                }
                else
                {
                    WriteDouble(writer, single);
                }

                break;
            case FieldType.Int32:
            case FieldType.SInt32:
            case FieldType.SFixed32:
                writer.WriteNumberValue((int)value);
                break;
            case FieldType.UInt32:
            case FieldType.Fixed32:
                writer.WriteNumberValue((uint)value);
                break;
            case FieldType.Int64:
            case FieldType.SInt64:
            case FieldType.SFixed64:
                writer.WriteNumberValue((long)value);
                break;
            case FieldType.UInt64:
            case FieldType.Fixed64:
                writer.WriteNumberValue((ulong)value);
                break;
            case FieldType.Enum:
                // Unboxing a boxed enum as its underlying int is allowed by the runtime.
                var number = (int)value;
                if (field.Enum!.TryGetName(number, out var name))
                {
                    writer.WriteStringValue(name);
                }
                else
                {
                    // Only reachable if code casts an undeclared number into the enum; keep the information.
                    writer.WriteNumberValue(number);
                }

                break;
            default:
                throw new InvalidOperationException($"Unsupported field type {field.Type} of {field.Descriptor.FullName}.");
        }
    }

    // Utf8JsonWriter prints the shortest round-trip form (4, 0.5, 1E+21). JSON has no literal for the
    // non-finite values; write the strings the parser (ours and Mesos's) accepts back.
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else if (double.IsNaN(value))
        {
            writer.WriteStringValue(NaN);
        }
        else
        {
            writer.WriteStringValue(value > 0 ? Infinity : NegativeInfinity);
        }
    }

    private static string MapKeyToString(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? string.Empty,
    };
}
