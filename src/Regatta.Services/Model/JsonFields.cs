using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>
/// The members of one JSON object, with typed reads that record Play-JSON-style type errors
/// (<c>error.expected.jsnumber</c>, <c>error.min</c>, …) at Marathon paths instead of throwing.
/// A member set to <c>null</c> counts as absent; when a name repeats, the last one wins.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> members = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, string path, ErrorCollector errors)
    {
        Path = path;
        Errors = errors;
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }
    }

    /// <summary>This object's path ("" for the top level).</summary>
    public string Path { get; }

    public ErrorCollector Errors { get; }

    public IEnumerable<string> Names => members.Keys;

    public string PathOf(string name) => Path + "/" + name;

    /// <summary>True when the member is there and not <c>null</c>.</summary>
    public bool Has(string name) => members.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string name) => Has(name) ? members[name] : null;

    public string? String(string name, int minLength = 0, int maxLength = int.MaxValue, Func<string, bool>? pattern = null) =>
        Raw(name) is { } value ? JsonInput.String(value, PathOf(name), Errors, minLength, maxLength, pattern) : null;

    /// <summary>A string that must be there: a missing one is <c>error.path.missing</c>.</summary>
    public string? RequiredString(string name, int minLength = 0, int maxLength = int.MaxValue, Func<string, bool>? pattern = null)
    {
        if (!members.TryGetValue(name, out var value))
        {
            Errors.Add(PathOf(name), "error.path.missing");
            return null;
        }

        return JsonInput.String(value, PathOf(name), Errors, minLength, maxLength, pattern);
    }

    public double? Double(string name, double? min = null) =>
        Raw(name) is { } value ? JsonInput.Double(value, PathOf(name), Errors, min) : null;

    public int? Int(string name, int? min = null, int? max = null) =>
        Raw(name) is { } value ? JsonInput.Int(value, PathOf(name), Errors, min, max) : null;

    public long? Long(string name, long? min = null)
    {
        if (Raw(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Errors.Add(PathOf(name), "error.expected.jsnumber");
            return null;
        }

        if (!value.TryGetInt64(out var number))
        {
            Errors.Add(PathOf(name), "error.expected.long");
            return null;
        }

        if (number < min)
        {
            Errors.Add(PathOf(name), "error.min");
            return null;
        }

        return number;
    }

    public bool? Bool(string name)
    {
        if (Raw(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Errors.Add(PathOf(name), "error.expected.jsboolean");
        return null;
    }

    /// <summary>An enum member; unknown text is <c>error.unknown.enum.literal</c>.</summary>
    public T? Enum<T>(string name, Func<string, T?> parse)
        where T : struct
    {
        if (Raw(name) is not { } value)
        {
            return null;
        }

        var parsed = value.ValueKind == JsonValueKind.String ? parse(value.GetString()!) : null;
        if (parsed is null)
        {
            Errors.Add(PathOf(name), "error.unknown.enum.literal");
        }

        return parsed;
    }

    public JsonFields? Object(string name) =>
        Raw(name) is { } value ? JsonInput.Object(value, PathOf(name), Errors) : null;

    /// <summary>An array member; items that fail to read are left out (their errors are recorded).</summary>
    public ValueArray<T>? Array<T>(string name, Func<JsonElement, string, T?> item, int minLength = 0)
        where T : class =>
        Raw(name) is { } value ? JsonInput.Array(value, PathOf(name), Errors, item, minLength) : null;

    public ValueArray<string>? StringArray(string name, int minLength = 0, Func<string, bool>? pattern = null, int itemMinLength = 0, int itemMaxLength = int.MaxValue) =>
        Raw(name) is { } value ? JsonInput.StringArray(value, PathOf(name), Errors, minLength, pattern, itemMinLength, itemMaxLength) : null;

    public ValueArray<int>? IntArray(string name, int minLength = 0, int? min = null, int? max = null) =>
        Raw(name) is { } value ? JsonInput.StructArray(value, PathOf(name), Errors, (e, p) => JsonInput.Int(e, p, Errors, min, max), minLength) : null;

    /// <summary>An array of string arrays, such as <c>constraints</c>.</summary>
    public ValueArray<ValueArray<string>>? StringArrays(string name) =>
        Raw(name) is { } value ? JsonInput.StructArray(value, PathOf(name), Errors, (e, p) => JsonInput.StringArray(e, p, Errors)) : null;

    /// <summary>A string-to-string object such as <c>labels</c>; a non-string value is an error at <c>/labels/key</c>.</summary>
    public ValueMap? StringMap(string name)
    {
        if (Object(name) is not { } fields)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var key in fields.Names)
        {
            var value = fields.members[key];
            if (value.ValueKind == JsonValueKind.String)
            {
                pairs.Add(new(key, value.GetString()!));
            }
            else
            {
                Errors.Add(fields.PathOf(key), "error.expected.jsstring");
            }
        }

        return new ValueMap(pairs);
    }
}
