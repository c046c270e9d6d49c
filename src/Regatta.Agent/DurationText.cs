using System.Globalization;

namespace Regatta.Agent;

/// <summary>Durations rendered the way Mesos's stout prints them (<c>5secs</c>, <c>500ms</c>, <c>10mins</c>).</summary>
internal static class DurationText
{
    public static string Format(TimeSpan value)
    {
        var ns = value.Ticks * 100;
        (double Size, string Unit)[] units =
        [
            (7 * 24 * 3600e9, "weeks"), (24 * 3600e9, "days"), (3600e9, "hrs"), (60e9, "mins"), (1e9, "secs"), (1e6, "ms"), (1e3, "us"),
        ];
        foreach (var (size, unit) in units)
        {
            if (Math.Abs(ns) >= size)
            {
                return (ns / size).ToString("0.######", CultureInfo.InvariantCulture) + unit;
            }
        }

        return ns.ToString(CultureInfo.InvariantCulture) + "ns";
    }
}
