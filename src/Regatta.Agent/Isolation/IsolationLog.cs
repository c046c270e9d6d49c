using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Isolation;

/// <summary>Log messages of the isolators (event ids 3700-3719).</summary>
internal static partial class IsolationLog
{
    [LoggerMessage(3700, LogLevel.Information, "Container {ContainerId} isolated in cgroups ({Version}): cpu.shares {Shares}, memory limit {MemoryBytes} bytes, CFS quota {QuotaMicros} us")]
    public static partial void CgroupsPrepared(this ILogger logger, string containerId, CgroupVersion version, long? shares, long? memoryBytes, long? quotaMicros);

    [LoggerMessage(3701, LogLevel.Warning, "Container {ContainerId}: could not remove cgroup {Path}")]
    public static partial void CgroupRemoveFailed(this ILogger logger, Exception exception, string containerId, string path);

    [LoggerMessage(3702, LogLevel.Warning, "Container {ContainerId}: {Pids} process(es) still in its cgroup after SIGKILL")]
    public static partial void CgroupNotEmpty(this ILogger logger, string containerId, int pids);

    [LoggerMessage(3703, LogLevel.Warning, "--isolation: cgroups are not writable under {Hierarchy} ({Reason}); using posix/cpu,posix/mem (no resource limits are enforced)")]
    public static partial void CgroupsUnavailable(this ILogger logger, string hierarchy, string reason);

    [LoggerMessage(3704, LogLevel.Information, "Isolation {Isolation}: cgroups {Version} under {Hierarchy}, root '{Root}', CFS quota {Cfs}")]
    public static partial void CgroupsIsolation(this ILogger logger, string isolation, CgroupVersion version, string hierarchy, string root, bool cfs);

    [LoggerMessage(3705, LogLevel.Warning, "Container {ContainerId} ran out of memory: {Message}")]
    public static partial void MemoryLimitation(this ILogger logger, string containerId, string message);
}
