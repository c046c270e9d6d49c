using System.Globalization;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary>Flag values with structure of their own (Mesos syntax), turned into typed options or a clear error.</summary>
internal static class OptionParsing
{
    /// <summary><c>--weights=web=2,batch=1</c>.</summary>
    public static IReadOnlyDictionary<string, double> Weights(string? text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight))
            {
                throw new FlagException($"--weights: invalid entry '{part}': expected role=weight, e.g. web=2,batch=1");
            }

            if (weight <= 0)
            {
                throw new FlagException($"--weights: weight of role '{part[..eq]}' must be positive");
            }

            result[part[..eq]] = weight;
        }

        return result;
    }

    /// <summary><c>--roles=a,b</c>.</summary>
    public static IReadOnlyList<string>? Roles(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Throws a flag error listing every problem an options validator found.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new FlagException(string.Join("; ", errors));
        }
    }
}
