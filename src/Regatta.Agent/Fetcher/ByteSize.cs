using System.Globalization;

namespace Regatta.Agent.Fetcher;

/// <summary>Mesos's byte size syntax for flags such as <c>--fetcher_cache_size</c>: a whole number followed by
/// B, KB, MB, GB or TB (powers of 1024), e.g. <c>2GB</c>, <c>512MB</c>.</summary>
internal static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1),
    ];

    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        var trimmed = text?.Trim() ?? "";
        foreach (var (unit, factor) in Units)
        {
            if (trimmed.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                var number = trimmed[..^unit.Length].Trim();
                if (long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= long.MaxValue / factor)
                {
                    bytes = value * factor;
                    return true;
                }

                break;
            }
        }

        error = $"'{text}' is not a byte size; use a whole number with B, KB, MB, GB or TB (e.g. 2GB, 512MB)";
        return false;
    }

    public static string Format(long bytes)
    {
        foreach (var (unit, factor) in Units)
        {
            if (bytes != 0 && bytes % factor == 0)
            {
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }
}
