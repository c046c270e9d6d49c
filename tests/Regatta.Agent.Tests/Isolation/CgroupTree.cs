namespace Regatta.Agent.Tests.Isolation;

/// <summary>Builds fake cgroup hierarchies (directories with control files) under a temporary directory.</summary>
internal static class CgroupTree
{
    public static void V1(string hierarchy)
    {
        File(hierarchy, "cpu/cpu.shares", "1024");
        File(hierarchy, "cpuacct/cpuacct.stat", "user 0\nsystem 0\n");
        File(hierarchy, "memory/memory.limit_in_bytes", "9223372036854771712");
        File(hierarchy, "freezer/cgroup.procs", "");
    }

    public static void Hybrid(string hierarchy)
    {
        V1(hierarchy);
        File(hierarchy, "unified/cgroup.controllers", "");
    }

    public static void V2(string hierarchy) => File(hierarchy, "cgroup.controllers", "cpuset cpu io memory pids\n");

    public static void File(string hierarchy, string relative, string content)
    {
        var path = Path.Combine(hierarchy, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
    }

    public static string Read(string hierarchy, string relative) => System.IO.File.ReadAllText(Path.Combine(hierarchy, relative));
}
