using System.Globalization;

namespace Regatta.Cli.Flags;

/// <summary>Mesos duration syntax: a number followed by ns, us, ms, secs, mins, hrs, days or weeks (e.g. 500ms, 1secs, 10mins).</summary>
internal static class Duration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("secs", TimeSpan.TicksPerSecond),
        ("mins", TimeSpan.TicksPerMinute),
        ("hrs", TimeSpan.TicksPerHour),
        ("days", TimeSpan.TicksPerDay),
        ("weeks", TimeSpan.TicksPerDay * 7),
    ];

    public const string Syntax = "a number followed by ns, us, ms, secs, mins, hrs, days or weeks (e.g. 30secs)";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var number = trimmed[..split];
        var unit = trimmed[split..];
        var ticks = Array.Find(Units, u => u.Unit == unit).Ticks;
        if (ticks == 0 || number.Length == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        var total = n * ticks;
        if (total > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(total));
        return true;
    }

    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        if (value.Ticks % TimeSpan.TicksPerMinute != 0 || value == TimeSpan.Zero)
        {
            return value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "secs";
        }

        if (value.Ticks % TimeSpan.TicksPerHour != 0)
        {
            return value.TotalMinutes.ToString(CultureInfo.InvariantCulture) + "mins";
        }

        return value.TotalHours.ToString(CultureInfo.InvariantCulture) + "hrs";
    }
}
