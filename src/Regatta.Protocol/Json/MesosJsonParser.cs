using System.Collections;
using System.Text.Json;
using Google.Protobuf;

namespace Regatta.Protocol;

/// <summary>
/// Reads Mesos JSON into a message with one forward pass of <see cref="Utf8JsonReader"/> (no DOM).
/// Leniency follows stout's parser: unknown keys and <c>null</c> values are ignored, numbers may be strings,
/// a lone value for a repeated field counts as a one-element array, unknown names of non-required enums are dropped.
/// </summary>
internal sealed partial class MesosJsonParser
{
    /// <summary>Deepest object/array nesting accepted; real Mesos messages stay below 20.</summary>
    public const int MaxDepth = 64;

    private const int MaxMissingFieldsListed = 20;

    private readonly JsonPath path = new();

    private MesosJsonParser()
    {
    }

    public static void ParseInto(IMessage target, MessageTable table, ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var parser = new MesosJsonParser();

        // The reader's own limit sits above ours so that known fields fail with our message (which names the
        // path); it still bounds values we skip for unknown keys.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 2 });
        try
        {
            if (!reader.Read())
            {
                throw new MesosJsonException("Malformed JSON: the input is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MesosJsonException($"Expecting a JSON object, got {Describe(reader.TokenType)}");
            }

            parser.ParseObject(ref reader, target, table, 1);

            // Rejects trailing content after the top-level object (whitespace is fine).
            reader.Read();
        }
        catch (JsonException e)
        {
            throw new MesosJsonException("Malformed JSON: " + e.Message, e);
        }

        ThrowIfMissingRequired(target, table);
    }

    internal static void ThrowIfMissingRequired(IMessage message, MessageTable table)
    {
        if (!RequiredFields.AnyMissing(message, table))
        {
            return;
        }

        var missing = RequiredFields.FindMissing(message, table, MaxMissingFieldsListed + 1);
        var listed = string.Join(", ", missing.Take(MaxMissingFieldsListed));
        if (missing.Count > MaxMissingFieldsListed)
        {
            listed += ", …";
        }

        throw new MesosJsonException("Missing required fields: " + listed, missing[0]);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "a JSON object",
        JsonTokenType.StartArray => "a JSON array",
        JsonTokenType.String => "a JSON string",
        JsonTokenType.Number => "a JSON number",
        JsonTokenType.True or JsonTokenType.False => "a JSON boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private void ParseObject(ref Utf8JsonReader reader, IMessage message, MessageTable table, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MesosJsonException($"JSON nesting exceeds the maximum depth of {MaxDepth} at '{path}'", path.ToString());
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FindField(ref reader, table);
            reader.Read();
            if (field is null)
            {
                reader.Skip();
                continue;
            }

            path.PushField(field.Name);
            if (reader.TokenType != JsonTokenType.Null)
            {
                ParseField(ref reader, message, field, depth);
            }

            path.Pop();
        }
    }

    private FieldEntry? FindField(ref Utf8JsonReader reader, MessageTable table)
    {
        // UTF-8 bytes (escaped or not) never decode to more chars than there are bytes, so anything longer than
        // the buffer cannot be one of our field names.
        const int bufferLength = 256;
        if (reader.ValueSpan.Length > bufferLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[bufferLength];
        var length = CopyString(ref reader, buffer);
        return table.Find(buffer[..length]);
    }

    private void ParseField(ref Utf8JsonReader reader, IMessage message, FieldEntry field, int depth)
    {
        if (field.IsMap)
        {
            ParseMap(ref reader, (IDictionary)field.Accessor.GetValue(message), field, depth + 1);
        }
        else if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                AddElement(ref reader, list, field, depth);
                return;
            }

            if (depth + 1 > MaxDepth)
            {
                throw new MesosJsonException($"JSON nesting exceeds the maximum depth of {MaxDepth} at '{path}'", path.ToString());
            }

            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                path.PushIndex(index++);
                if (reader.TokenType != JsonTokenType.Null)
                {
                    AddElement(ref reader, list, field, depth + 1);
                }

                path.Pop();
            }
        }
        else if (field.IsMessage)
        {
            ExpectObject(ref reader);

            // Like protobuf's MutableMessage: a repeated key merges into the message already there.
            var child = field.Accessor.HasValue(message) ? (IMessage)field.Accessor.GetValue(message) : null;
            if (child is null)
            {
                child = field.Message.Create();
                field.Accessor.SetValue(message, child);
            }

            ParseObject(ref reader, child, field.Message, depth + 1);
        }
        else if (ReadScalar(ref reader, field) is { } value)
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private void AddElement(ref Utf8JsonReader reader, IList list, FieldEntry field, int depth)
    {
        if (field.IsMessage)
        {
            ExpectObject(ref reader);
            var child = field.Message.Create();
            ParseObject(ref reader, child, field.Message, depth + 1);
            list.Add(child);
        }
        else if (ReadScalar(ref reader, field) is { } value)
        {
            list.Add(value);
        }
    }

    private void ParseMap(ref Utf8JsonReader reader, IDictionary map, FieldEntry field, int depth)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw TypeError("a JSON object (map)", reader.TokenType);
        }

        if (depth > MaxDepth)
        {
            throw new MesosJsonException($"JSON nesting exceeds the maximum depth of {MaxDepth} at '{path}'", path.ToString());
        }

        var valueField = field.MapValue!;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var keyText = GetString(ref reader);
            var key = MapKey(keyText, field.MapKey!);
            reader.Read();
            path.PushKey(keyText);
            if (reader.TokenType != JsonTokenType.Null)
            {
                if (valueField.IsMessage)
                {
                    ExpectObject(ref reader);
                    var child = valueField.Message.Create();
                    ParseObject(ref reader, child, valueField.Message, depth + 1);
                    map[key] = child;
                }
                else if (ReadScalar(ref reader, valueField) is { } value)
                {
                    map[key] = value;
                }
            }

            path.Pop();
        }
    }

    private void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw TypeError("a JSON object", reader.TokenType);
        }
    }

    private MesosJsonException TypeError(string expected, JsonTokenType got)
    {
        var where = path.ToString();
        return new MesosJsonException($"Field '{where}' expects {expected}, got {Describe(got)}", where);
    }

    private MesosJsonException ValueError(string problem)
    {
        var where = path.ToString();
        return new MesosJsonException($"Field '{where}' {problem}", where);
    }
}
