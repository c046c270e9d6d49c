using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Isolation;

/// <summary>
/// Turns <c>--isolation</c> into an isolator. Known isolators: cgroups/cpu, cgroups/mem (limits through cgroups),
/// posix/cpu, posix/mem (usage from /proc, no limits) and filesystem/posix (the sandbox as a plain directory, always
/// on). Without the flag: cgroups when they are writable here, else posix with a warning.
/// </summary>
internal static class IsolationSetup
{
    public const string CgroupsDefault = "cgroups/cpu,cgroups/mem";
    public const string PosixDefault = "posix/cpu,posix/mem";

    private static readonly string[] Known = ["cgroups/cpu", "cgroups/mem", "posix/cpu", "posix/mem", "filesystem/posix"];

    /// <summary>Problems of the flag's value, each naming the flag; empty when valid (null means automatic).</summary>
    public static IEnumerable<string> Validate(string? isolation)
    {
        if (isolation is null)
        {
            yield break;
        }

        var names = isolation.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            yield return $"--isolation: '{isolation}' has an empty name; give a comma-separated list such as '{CgroupsDefault}'";
            yield break;
        }

        foreach (var name in names.Where(n => !Known.Contains(n, StringComparer.Ordinal)))
        {
            yield return $"--isolation: unknown isolator '{name}'; known: {string.Join(", ", Known)}";
        }

        if (names.Contains("cgroups/cpu") && names.Contains("posix/cpu"))
        {
            yield return "--isolation: give either cgroups/cpu or posix/cpu, not both";
        }

        if (names.Contains("cgroups/mem") && names.Contains("posix/mem"))
        {
            yield return "--isolation: give either cgroups/mem or posix/mem, not both";
        }
    }

    /// <summary>
    /// The cgroups isolator the flags ask for, or null for posix isolation. <paramref name="effective"/> is the
    /// isolation in use (the flag, or the automatic choice).
    /// </summary>
    /// <exception cref="ArgumentException">cgroups were asked for explicitly but cannot be used here.</exception>
    public static CgroupsIsolator? Create(
        string? isolation, string hierarchy, string cgroupsRoot, bool enableCfs, ICgroupFileSystem fs, TimeProvider time, ILogger logger, out string effective)
    {
        var layout = CgroupLayout.Detect(fs, hierarchy);
        var problem = layout is null ? "no cgroup v1 cpu and memory controllers and no cgroup v2 with cpu and memory" : Probe(fs, layout, cgroupsRoot);
        if (isolation is null)
        {
            if (problem is not null)
            {
                logger.CgroupsUnavailable(hierarchy, problem);
                effective = PosixDefault;
                return null;
            }

            isolation = CgroupsDefault;
        }

        effective = isolation;
        var names = isolation.Split(',', StringSplitOptions.TrimEntries);
        var cpu = names.Contains("cgroups/cpu");
        var mem = names.Contains("cgroups/mem");
        if (!cpu && !mem)
        {
            return null;
        }

        if (problem is not null)
        {
            throw new ArgumentException($"--isolation: '{isolation}' needs writable cgroups under {hierarchy} (--cgroups_hierarchy): {problem}");
        }

        logger.CgroupsIsolation(isolation, layout!.Version, hierarchy, cgroupsRoot, enableCfs);
        return new CgroupsIsolator(fs, layout, cgroupsRoot, enableCfs, time, logger) { LimitCpu = cpu, LimitMemory = mem };
    }

    /// <summary>Creates the cgroups root under every controller: the isolator needs exactly that to work.</summary>
    private static string? Probe(ICgroupFileSystem fs, CgroupLayout layout, string cgroupsRoot)
    {
        try
        {
            foreach (var root in layout.Roots)
            {
                fs.CreateDirectory(Path.Combine(root, cgroupsRoot));
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
