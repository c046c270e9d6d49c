using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Isolation;

internal sealed partial class CgroupsIsolator
{
    /// <summary>
    /// Whether the kernel OOM-killed a process of the container (v1 memory.oom_control oom_kill, or memory.failcnt on
    /// kernels without that counter; v2 memory.events oom_kill). Call after the container's main process exited and
    /// before <see cref="CleanupAsync"/>.
    /// </summary>
    public ContainerLimitation? MemoryLimitation(string containerId)
    {
        if (!_prepared.TryGetValue(containerId, out var prepared) || prepared.MemoryLimitBytes is not { } limit)
        {
            return null;
        }

        if (!OomKilled(containerId, trustFailcnt: true, out var maxUsed))
        {
            return null;
        }

        var message = $"Memory limit exceeded: Requested: {CgroupValues.Megabytes(limit)} Maximum Used: {CgroupValues.Megabytes(maxUsed ?? limit)}";
        _logger.MemoryLimitation(containerId, message);
        return new ContainerLimitation(Reason.ContainerLimitationMemory, message);
    }

    /// <summary>
    /// Whether the kernel has OOM-killed a process of the still running container: only the definite signals (the
    /// oom_kill counters, v1 under_oom), not memory.failcnt, which also counts reclaimed page-cache pressure.
    /// </summary>
    public bool OomKilled(string containerId) =>
        _prepared.TryGetValue(containerId, out var prepared) && prepared.MemoryLimitBytes is not null && OomKilled(containerId, trustFailcnt: false, out _);

    private bool OomKilled(string containerId, bool trustFailcnt, out long? maxUsed)
    {
        var dir = PathOf(layout.Memory, containerId);
        bool oom;
        if (layout.Version == CgroupVersion.V1)
        {
            var control = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(dir, "memory.oom_control")) ?? "");
            oom = control.TryGetValue("oom_kill", out var kills)
                ? kills > 0
                : control.GetValueOrDefault("under_oom") > 0
                    || (trustFailcnt && (CgroupValues.ParseSingle(TryRead(Path.Combine(dir, "memory.failcnt")) ?? "") ?? 0) > 0);
            maxUsed = CgroupValues.ParseSingle(TryRead(Path.Combine(dir, "memory.max_usage_in_bytes")) ?? "");
        }
        else
        {
            var events = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(dir, "memory.events")) ?? "");
            oom = events.GetValueOrDefault("oom_kill") > 0;
            maxUsed = CgroupValues.ParseSingle(TryRead(Path.Combine(dir, "memory.peak")) ?? "");
        }

        return oom;
    }

    /// <summary>Usage counters of the container's cgroups; null when the container was never prepared here.</summary>
    public ContainerStatistics? Usage(string containerId)
    {
        if (!_prepared.TryGetValue(containerId, out var prepared))
        {
            return null;
        }

        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var cpuAcct = PathOf(layout.CpuAcct, containerId);
        var memory = PathOf(layout.Memory, containerId);
        double? user = null;
        double? system = null;
        long? rss;
        long? limit;
        long? total;
        if (layout.Version == CgroupVersion.V1)
        {
            var stat = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(cpuAcct, "cpuacct.stat")) ?? "");
            if (stat.TryGetValue("user", out var u) && stat.TryGetValue("system", out var s))
            {
                user = u / CgroupValues.UserHz;
                system = s / CgroupValues.UserHz;
            }

            var mem = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(memory, "memory.stat")) ?? "");
            rss = mem.TryGetValue("total_rss", out var totalRss) ? totalRss : mem.TryGetValue("rss", out var r) ? r : null;
            limit = CgroupValues.ParseSingle(TryRead(Path.Combine(memory, "memory.limit_in_bytes")) ?? "");
            total = CgroupValues.ParseSingle(TryRead(Path.Combine(memory, "memory.usage_in_bytes")) ?? "");
        }
        else
        {
            var stat = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(cpuAcct, "cpu.stat")) ?? "");
            if (stat.TryGetValue("user_usec", out var u) && stat.TryGetValue("system_usec", out var s))
            {
                user = u / 1e6;
                system = s / 1e6;
            }

            var mem = CgroupValues.ParseFlatKeyed(TryRead(Path.Combine(memory, "memory.stat")) ?? "");
            rss = mem.TryGetValue("anon", out var anon) ? anon : null;
            limit = CgroupValues.ParseSingle(TryRead(Path.Combine(memory, "memory.max")) ?? "");
            total = CgroupValues.ParseSingle(TryRead(Path.Combine(memory, "memory.current")) ?? "");
        }

        return new ContainerStatistics(timestamp, user, system, prepared.Cpus, rss, limit ?? prepared.MemoryLimitBytes, total, Pids(containerId).Count);
    }
}
