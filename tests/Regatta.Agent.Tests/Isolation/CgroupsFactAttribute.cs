using Regatta.Agent.Isolation;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Tests.Isolation;

/// <summary>A fact that needs real, writable cgroup v1 or v2 cpu and memory controllers (root); skipped with the
/// reason otherwise (xunit 2 cannot skip from inside a test).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CgroupsFactAttribute : FactAttribute
{
    public const string Hierarchy = "/sys/fs/cgroup";

    private static readonly Lazy<string?> Problem = new(FindProblem);

    public CgroupsFactAttribute()
    {
        if (Problem.Value is { } problem)
        {
            Skip = "real cgroups unavailable: " + problem;
        }
    }

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (Libc.GetEuid() != 0)
        {
            return "not running as root";
        }

        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, Hierarchy);
        if (layout is null)
        {
            return $"no cpu and memory controllers under {Hierarchy}";
        }

        try
        {
            var probe = Path.Combine(layout.Memory, "regatta-probe-" + Environment.ProcessId);
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{layout.Memory} is not writable: {e.Message}";
        }
    }
}
