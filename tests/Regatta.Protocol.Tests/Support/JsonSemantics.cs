using System.Globalization;
using System.Text.Json;

namespace Regatta.Protocol.Tests.Support;

/// <summary>
/// Compares two JSON documents by meaning: object key order is ignored and numbers compare by value (4 == 4.0).
/// Returns the path of the first difference, or null when equal.
/// </summary>
internal static class JsonSemantics
{
    public static void AssertEquivalent(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        var difference = FindDifference(expectedDocument.RootElement, actualDocument.RootElement, "$");
        Assert.True(difference is null, $"JSON differs at {difference}\nexpected: {expected}\nactual:   {actual}");
    }

    public static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind &&
            !(IsBoolean(expected) && IsBoolean(actual)))
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var actualValue))
                    {
                        return $"{path}.{property.Name}: missing";
                    }

                    actualNames.Remove(property.Name);
                    if (FindDifference(property.Value, actualValue, $"{path}.{property.Name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return actualNames.Count == 0 ? null : $"{path}: unexpected keys {string.Join(", ", actualNames)}";
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{path}: expected {expectedItems.Count} elements, got {actualItems.Count}";
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    if (FindDifference(expectedItems[i], actualItems[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                var a = decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                var b = decimal.Parse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                return a == b ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString()
                    ? null
                    : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";
            default:
                return expected.GetRawText() == actual.GetRawText()
                    ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }

    private static bool IsBoolean(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
