using System.Globalization;

namespace Regatta.Master.Metrics;

/// <summary>
/// <see cref="ISystemStatsSource"/> over Linux's <c>/proc/meminfo</c> and <c>/proc/loadavg</c>. Free memory is
/// <c>MemFree</c> (what Mesos reports via sysinfo's freeram). Elsewhere, or when a file cannot be read, the
/// figures are unknown rather than an error: metrics must never fail.
/// </summary>
internal sealed class ProcSystemStats : ISystemStatsSource
{
    private readonly string _procRoot;

    public ProcSystemStats(string procRoot = "/proc") => _procRoot = procRoot;

    public SystemStats Read()
    {
        var memory = ParseMemInfo(ReadOrNull(Path.Combine(_procRoot, "meminfo")));
        var load = ParseLoadAvg(ReadOrNull(Path.Combine(_procRoot, "loadavg")));
        return new SystemStats(Environment.ProcessorCount, memory.Total, memory.Free, load?.One, load?.Five, load?.Fifteen);
    }

    /// <summary><c>MemTotal:  16318372 kB</c> lines → bytes.</summary>
    public static (long? Total, long? Free) ParseMemInfo(string? text)
    {
        long? total = null;
        long? free = null;
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            if (name is not ("MemTotal" or "MemFree"))
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var bytes = parts.Length > 1 && parts[1].Equals("kB", StringComparison.OrdinalIgnoreCase) ? value * 1024 : value;
            if (name == "MemTotal")
            {
                total = bytes;
            }
            else
            {
                free = bytes;
            }
        }

        return (total, free);
    }

    /// <summary><c>0.52 0.58 0.59 1/467 12345</c> → the three load averages.</summary>
    public static (double One, double Five, double Fifteen)? ParseLoadAvg(string? text)
    {
        var parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        var values = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return (values[0], values[1], values[2]);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
