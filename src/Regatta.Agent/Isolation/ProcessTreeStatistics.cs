using System.Globalization;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Isolation;

/// <summary>
/// Usage of a process tree read from /proc, for containers without cgroups (posix/cpu, posix/mem, as Mesos's posix
/// isolators do): user and system time from <c>/proc/&lt;pid&gt;/stat</c>, resident memory from <c>status</c> VmRSS.
/// </summary>
internal static class ProcessTreeStatistics
{
    public static ContainerStatistics? Read(int rootPid, double? cpus, double? memMb, DateTimeOffset now)
    {
        if (rootPid <= 0 || !Directory.Exists($"/proc/{rootPid}"))
        {
            return null;
        }

        var pids = ProcessTable.TreeMembers(ProcessTable.Snapshot(), rootPid);
        pids.Add(rootPid);
        long ticksUser = 0;
        long ticksSystem = 0;
        long rssKb = 0;
        foreach (var pid in pids)
        {
            try
            {
                if (TryParseTimes(File.ReadAllText($"/proc/{pid}/stat"), out var user, out var system))
                {
                    ticksUser += user;
                    ticksSystem += system;
                }

                rssKb += ParseRssKb(File.ReadAllText($"/proc/{pid}/status"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }

        long? limit = memMb is { } m ? (long)(m * 1024 * 1024) : null;
        return new ContainerStatistics(
            now.ToUnixTimeMilliseconds() / 1000.0,
            ticksUser / CgroupValues.UserHz,
            ticksSystem / CgroupValues.UserHz,
            cpus,
            rssKb * 1024,
            limit,
            rssKb * 1024,
            pids.Count);
    }

    /// <summary>utime and stime, fields 14 and 15 of /proc/pid/stat (counted after the ')' that ends comm).</summary>
    internal static bool TryParseTimes(string stat, out long user, out long system)
    {
        user = 0;
        system = 0;
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out system);
    }

    internal static long ParseRssKb(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var parts = line["VmRSS:".Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
            }
        }

        return 0;
    }
}
