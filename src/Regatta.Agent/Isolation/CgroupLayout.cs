namespace Regatta.Agent.Isolation;

/// <summary>
/// Where the controllers live. v1: one hierarchy per controller under <c>&lt;hierarchy&gt;/&lt;controller&gt;</c>
/// (cpu and cpuacct may share a mount, e.g. <c>cpu,cpuacct</c>); v2: one unified hierarchy, either the hierarchy itself
/// or, on hybrid machines, <c>&lt;hierarchy&gt;/unified</c>.
/// </summary>
internal sealed record CgroupLayout(CgroupVersion Version, string Hierarchy, string Cpu, string CpuAcct, string Memory, string? Freezer)
{
    /// <summary>v1 when its cpu and memory controllers are mounted (preferred on hybrid machines, where v2 owns no
    /// controllers), else v2 when the unified hierarchy offers cpu and memory; null when neither.</summary>
    public static CgroupLayout? Detect(ICgroupFileSystem fs, string hierarchy)
    {
        var cpu = FirstWith(fs, hierarchy, ["cpu", "cpu,cpuacct", "cpuacct,cpu"], "cpu.shares");
        var memory = FirstWith(fs, hierarchy, ["memory"], "memory.limit_in_bytes");
        if (cpu is not null && memory is not null)
        {
            var cpuacct = FirstWith(fs, hierarchy, ["cpuacct", "cpu,cpuacct", "cpuacct,cpu"], "cpuacct.stat")
                ?? (fs.Exists(Path.Combine(cpu, "cpuacct.stat")) ? cpu : null);
            if (cpuacct is not null)
            {
                var freezer = FirstWith(fs, hierarchy, ["freezer"], "freezer.self_freezing") ?? FirstWith(fs, hierarchy, ["freezer"], "cgroup.procs");
                return new CgroupLayout(CgroupVersion.V1, hierarchy, cpu, cpuacct, memory, freezer);
            }
        }

        foreach (var unified in new[] { hierarchy, Path.Combine(hierarchy, "unified") })
        {
            var controllers = Path.Combine(unified, "cgroup.controllers");
            if (!fs.Exists(controllers))
            {
                continue;
            }

            var names = SafeRead(fs, controllers).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (names.Contains("cpu") && names.Contains("memory"))
            {
                return new CgroupLayout(CgroupVersion.V2, hierarchy, unified, unified, unified, null);
            }
        }

        return null;
    }

    /// <summary>The distinct controller roots (v2: just the unified one).</summary>
    public IReadOnlyList<string> Roots =>
        [.. new[] { Cpu, CpuAcct, Memory, Freezer }.OfType<string>().Distinct(StringComparer.Ordinal)];

    private static string? FirstWith(ICgroupFileSystem fs, string hierarchy, string[] names, string marker)
    {
        foreach (var name in names)
        {
            var root = Path.Combine(hierarchy, name);
            if (fs.Exists(Path.Combine(root, marker)))
            {
                return root;
            }
        }

        return null;
    }

    private static string SafeRead(ICgroupFileSystem fs, string path)
    {
        try
        {
            return fs.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
