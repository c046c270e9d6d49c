using System.Globalization;
using System.Text.Json;
using Regatta.Resources;

namespace Regatta.Master.Http;

/// <summary>
/// Validation of weight updates (PUT <c>/master/weights</c> and UPDATE_WEIGHTS): roles are trimmed and must be
/// valid role names, weights must be positive finite numbers; every error names the entry and the rule.
/// </summary>
internal static class LegacyWeights
{
    private const int MaxEchoedBodyChars = 512;

    /// <summary>Parses the PUT body, <c>[{"role":"r","weight":2.0}, …]</c>.</summary>
    public static IReadOnlyDictionary<string, double>? TryParse(ReadOnlySpan<byte> body, out string? error)
    {
        var entries = new List<(string? Role, double Weight, int Index)>();
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = $"Failed to parse update weights request JSON: expected an array of {{\"role\", \"weight\"}} objects, got {Describe(document.RootElement.ValueKind)}";
                return null;
            }

            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    error = $"Failed to convert weights JSON array to protobuf: entry #{index} must be an object, got {Describe(element.ValueKind)}";
                    return null;
                }

                if (!element.TryGetProperty("weight", out var weight))
                {
                    error = $"Failed to convert weights JSON array to protobuf: entry #{index}: missing required field 'weight'";
                    return null;
                }

                if (!TryReadNumber(weight, out var value))
                {
                    error = $"Failed to convert weights JSON array to protobuf: entry #{index}: 'weight' must be a number";
                    return null;
                }

                string? role = null;
                if (element.TryGetProperty("role", out var roleElement))
                {
                    if (roleElement.ValueKind != JsonValueKind.String)
                    {
                        error = $"Failed to convert weights JSON array to protobuf: entry #{index}: 'role' must be a string";
                        return null;
                    }

                    role = roleElement.GetString();
                }

                entries.Add((role, value, index));
                index++;
            }
        }
        catch (JsonException e)
        {
            error = $"Failed to parse update weights request JSON '{Echo(body)}': {e.Message}";
            return null;
        }

        return Validate(entries, out error);
    }

    /// <summary>Checks (role, weight) pairs; the result maps trimmed role → weight (a later duplicate wins).</summary>
    public static IReadOnlyDictionary<string, double>? Validate(IReadOnlyList<(string? Role, double Weight, int Index)> entries, out string? error)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (rawRole, weight, index) in entries)
        {
            var role = (rawRole ?? string.Empty).Trim();
            if (RoleName.Check(role) is { } roleError)
            {
                error = $"Failed to validate update weights request JSON: Invalid role '{role}' (entry #{index}): {roleError}";
                return null;
            }

            if (!(weight > 0) || !double.IsFinite(weight))
            {
                error = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Failed to validate update weights request JSON for role '{role}': Invalid weight '{weight}': Weights must be positive");
                return null;
            }

            weights[role] = weight;
        }

        error = null;
        return weights;
    }

    private static bool TryReadNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),

            // Mesos's JSON parser accepts numbers written as strings.
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();

    private static string Echo(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length <= MaxEchoedBodyChars ? text : text[..MaxEchoedBodyChars] + "…";
    }
}
