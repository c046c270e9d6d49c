using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>Typed reads of single JSON values that record type errors (Play JSON's codes) instead of throwing.</summary>
internal static class JsonInput
{
    public static string? String(JsonElement value, string path, ErrorCollector errors, int minLength = 0, int maxLength = int.MaxValue, Func<string, bool>? pattern = null)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "error.expected.jsstring");
            return null;
        }

        var text = value.GetString()!;
        var ok = true;
        if (text.Length < minLength)
        {
            errors.Add(path, "error.minLength");
            ok = false;
        }

        if (text.Length > maxLength)
        {
            errors.Add(path, "error.maxLength");
            ok = false;
        }

        if (pattern is not null && !pattern(text))
        {
            errors.Add(path, "error.pattern");
            ok = false;
        }

        return ok ? text : null;
    }

    public static double? Double(JsonElement value, string path, ErrorCollector errors, double? min = null)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(path, "error.expected.jsnumber");
            return null;
        }

        if (number < min)
        {
            errors.Add(path, "error.min");
            return null;
        }

        return number;
    }

    public static int? Int(JsonElement value, string path, ErrorCollector errors, int? min = null, int? max = null)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, "error.expected.jsnumber");
            return null;
        }

        // Play reads 2.0 as the integer 2, so accept integral values written with a fraction.
        if (!value.TryGetInt32(out var number))
        {
            if (value.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
            {
                number = (int)real;
            }
            else
            {
                errors.Add(path, "error.expected.int");
                return null;
            }
        }

        if (number < min)
        {
            errors.Add(path, "error.min");
            return null;
        }

        if (number > max)
        {
            errors.Add(path, "error.max");
            return null;
        }

        return number;
    }

    public static JsonFields? Object(JsonElement value, string path, ErrorCollector errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "error.expected.jsobject");
            return null;
        }

        return new JsonFields(value, path, errors);
    }

    public static ValueArray<T>? Array<T>(JsonElement value, string path, ErrorCollector errors, Func<JsonElement, string, T?> item, int minLength = 0)
        where T : class =>
        Items(value, path, errors, minLength, (e, p) => item(e, p) is { } read ? (true, read) : (false, default!));

    /// <summary>Like <see cref="Array{T}"/> for value-type items (numbers, nested lists).</summary>
    public static ValueArray<T>? StructArray<T>(JsonElement value, string path, ErrorCollector errors, Func<JsonElement, string, T?> item, int minLength = 0)
        where T : struct =>
        Items(value, path, errors, minLength, (e, p) => item(e, p) is { } read ? (true, read) : (false, default));

    public static ValueArray<string>? StringArray(JsonElement value, string path, ErrorCollector errors, int minLength = 0, Func<string, bool>? pattern = null, int itemMinLength = 0, int itemMaxLength = int.MaxValue) =>
        Array(value, path, errors, (e, p) => String(e, p, errors, itemMinLength, itemMaxLength, pattern), minLength);

    /// <summary>Reads an array item by item (paths <c>/x(0)</c>, <c>/x(1)</c>…), keeping the items that read.</summary>
    private static ValueArray<T>? Items<T>(JsonElement value, string path, ErrorCollector errors, int minLength, Func<JsonElement, string, (bool Ok, T Item)> item)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, "error.expected.jsarray");
            return null;
        }

        if (value.GetArrayLength() < minLength)
        {
            errors.Add(path, "error.minLength");
        }

        var items = new List<T>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var (ok, read) = item(element, path + "(" + index + ")");
            if (ok)
            {
                items.Add(read);
            }

            index++;
        }

        return new ValueArray<T>(items);
    }
}
