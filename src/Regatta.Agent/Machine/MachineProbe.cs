using System.Globalization;

namespace Regatta.Agent.Machine;

/// <summary>Reads the host facts resource detection needs: cores, <c>/proc/meminfo</c>, the work_dir filesystem size.</summary>
internal static class MachineProbe
{
    public static MachineFacts Probe(string workDir) =>
        new(Environment.ProcessorCount, ReadMemoryTotalMb("/proc/meminfo"), ReadDiskTotalMb(workDir));

    /// <summary>Parses the <c>MemTotal: N kB</c> line.</summary>
    internal static long? ParseMemTotalMb(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                return kb / 1024;
            }
        }

        return null;
    }

    private static long? ReadMemoryTotalMb(string path)
    {
        try
        {
            return ParseMemTotalMb(File.ReadAllText(path));
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

    private static long? ReadDiskTotalMb(string workDir)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(workDir));
            return drive.TotalSize / (1024 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
