using System.Text.Json;
using Google.Protobuf;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Resources;

public static partial class ResourceText
{
    private static readonly JsonParser ProtoJson = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The JSON array form (Mesos JSON mapping of v1 Resource); round-trips dynamic reservations too.</summary>
    public static string ToJson(ResourceSet resources)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var r in resources)
            {
                WriteResource(writer, r);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteResource(Utf8JsonWriter writer, Resource r)
    {
        writer.WriteStartObject();
        writer.WriteString("name", r.Name);
        switch (r.Type)
        {
            case ResourceType.Scalar:
                writer.WriteString("type", "SCALAR");
                writer.WriteStartObject("scalar");
                writer.WriteNumber("value", r.Scalar);
                writer.WriteEndObject();
                break;
            case ResourceType.Ranges:
                writer.WriteString("type", "RANGES");
                writer.WriteStartObject("ranges");
                writer.WriteStartArray("range");
                foreach (var range in r.Ranges)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("begin", range.Begin);
                    writer.WriteNumber("end", range.End);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("type", "SET");
                writer.WriteStartObject("set");
                writer.WriteStartArray("item");
                foreach (var item in r.Set)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
        }

        writer.WriteString("role", r.Role);
        if (r.Reservation is { } reservation)
        {
            writer.WriteStartArray("reservations");
            writer.WriteStartObject();
            writer.WriteString("type", reservation.Type == ReservationType.Static ? "STATIC" : "DYNAMIC");
            writer.WriteString("role", reservation.Role);
            if (reservation.Principal is not null)
            {
                writer.WriteString("principal", reservation.Principal);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static ResourceSet ParseJson(string text, string defaultRole)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ResourceFormatException($"resources JSON is not valid: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ResourceFormatException("resources JSON must be an array of Resource objects");
            }

            var messages = new List<V1.Resource>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new ResourceFormatException($"resource #{index}: must be a JSON object");
                }

                try
                {
                    messages.Add(ProtoJson.Parse<V1.Resource>(element.GetRawText()));
                }
                catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
                {
                    var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? $"'{n.GetString()}' " : string.Empty;
                    throw new ResourceFormatException($"resource {name}(#{index}): {e.Message}", e);
                }

                index++;
            }

            return ResourceWire.FromProto(messages, defaultRole);
        }
    }
}
