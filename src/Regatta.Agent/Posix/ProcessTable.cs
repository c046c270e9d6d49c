using System.Globalization;

namespace Regatta.Agent.Posix;

/// <summary>Reads the process table from <c>/proc</c> to find every member of a task's process tree.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }

            try
            {
                if (TryParseStat(File.ReadAllText(Path.Combine(dir, "stat")), out var entry))
                {
                    entries.Add(entry);
                }
            }
            catch (IOException)
            {
                // The process exited while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return entries;
    }

    /// <summary>
    /// The process's start time (<c>/proc/&lt;pid&gt;/stat</c> field 22, clock ticks since boot), or null when no such
    /// process lives. Together with the pid it names one process for good: a recycled pid has another start time.
    /// A zombie counts as gone.
    /// </summary>
    public static ulong? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return ParseStartTime(stat);
    }

    internal static ulong? ParseStartTime(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // Fields after the comm: [0] is field 3 (state), so field 22 (starttime) is [19].
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && fields[0] != "Z" && fields[0] != "X"
            && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : null;
    }

    /// <summary>Parses <c>pid (comm) state ppid pgrp session …</c>; comm may hold spaces and parentheses, so the
    /// fields are taken after the last ')'.</summary>
    internal static bool TryParseStat(string stat, out ProcessEntry entry)
    {
        entry = default;
        var open = stat.IndexOf(" (", StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            return false;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4
            || !int.TryParse(stat.AsSpan(0, open), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pgrp)
            || !int.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var session))
        {
            return false;
        }

        entry = new ProcessEntry(pid, ppid, pgrp, session);
        return true;
    }

    /// <summary>The pids belonging to the tree rooted at <paramref name="root"/>: its descendants by parent link plus
    /// every process still in its session (orphans re-parented to init keep the session). Excludes the root itself.</summary>
    internal static HashSet<int> TreeMembers(IReadOnlyList<ProcessEntry> table, int root)
    {
        var members = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(root);
        foreach (var entry in table)
        {
            if (entry.Pid != root && (entry.Session == root || entry.ProcessGroup == root) && members.Add(entry.Pid))
            {
                pending.Push(entry.Pid);
            }
        }

        var children = table.ToLookup(e => e.ParentPid, e => e.Pid);
        while (pending.Count > 0)
        {
            foreach (var child in children[pending.Pop()])
            {
                if (child != root && members.Add(child))
                {
                    pending.Push(child);
                }
            }
        }

        return members;
    }
}
