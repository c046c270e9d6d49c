using System.Globalization;

namespace Regatta.Agent.Isolation;

/// <summary>The pure arithmetic and parsing of cgroup control values (Mesos's cgroups cpu and mem isolators).</summary>
internal static class CgroupValues
{
    public const long CpuSharesPerCpu = 1024;
    public const long MinCpuShares = 2;
    public const long CfsPeriodMicros = 100_000;

    /// <summary>The kernel refuses CFS quotas under 1 ms.</summary>
    public const long MinCfsQuotaMicros = 1_000;

    public const double MinMemoryMb = 32;

    /// <summary>cpuacct.stat counts in USER_HZ, which Linux fixes at 100 for user space.</summary>
    public const double UserHz = 100;

    public static long CpuShares(double cpus) => Math.Max(MinCpuShares, (long)(CpuSharesPerCpu * cpus));

    /// <summary>cgroup v2 cpu.weight (1..10000) for v1 shares (2..262144), the mapping runc and systemd use.</summary>
    public static long CpuWeight(long shares) => Math.Clamp(1 + ((Math.Clamp(shares, 2, 262_144) - 2) * 9999 / 262_142), 1, 10_000);

    public static long CfsQuotaMicros(double cpus) => Math.Max(MinCfsQuotaMicros, (long)(cpus * CfsPeriodMicros));

    public static long MemoryLimitBytes(double memMb) => (long)(Math.Max(MinMemoryMb, memMb) * 1024 * 1024);

    /// <summary>Parses "key value" lines (memory.stat, cpuacct.stat, cpu.stat, memory.events, memory.oom_control).</summary>
    public static Dictionary<string, long> ParseFlatKeyed(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    /// <summary>A single-number control file; "max" (v2 for unlimited) and garbage give null.</summary>
    public static long? ParseSingle(string text) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whole megabytes as Mesos prints them in limitation messages.</summary>
    public static string Megabytes(double bytes) => ((long)Math.Round(bytes / (1024 * 1024))).ToString(CultureInfo.InvariantCulture) + "MB";
}
