using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Isolation;

/// <summary>
/// Mesos's cgroups/cpu and cgroups/mem isolators: one cgroup per container under
/// <c>&lt;controller root&gt;/&lt;cgroups_root&gt;/&lt;container id&gt;</c>, cpu shares (and an optional CFS quota) from
/// cpus, a hard memory limit without swap from mem. Processes join through <see cref="ProcsFiles"/> (the launcher
/// writes the task's pid there before it execs the command, so every descendant is accounted) or
/// <see cref="Isolate"/>. Thread-safe.
/// </summary>
internal sealed partial class CgroupsIsolator(
    ICgroupFileSystem fs, CgroupLayout layout, string cgroupsRoot, bool enableCfs, TimeProvider time, ILogger? logger = null)
{
    private readonly ConcurrentDictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private long _destroyErrors;

    public CgroupLayout Layout => layout;

    /// <summary>How many container cgroups could not be removed.</summary>
    public long DestroyErrors => Interlocked.Read(ref _destroyErrors);

    /// <summary>cgroups/cpu: write cpu.shares (and the CFS quota when enabled).</summary>
    public bool LimitCpu { get; init; } = true;

    /// <summary>cgroups/mem: write the hard memory limit.</summary>
    public bool LimitMemory { get; init; } = true;

    /// <summary>The container's cgroup directory under one controller root.</summary>
    public string PathOf(string controllerRoot, string containerId) => Path.Combine(controllerRoot, cgroupsRoot, containerId);

    /// <summary>Every cgroup.procs file a process of the container must be written to (one per v1 hierarchy).</summary>
    public IReadOnlyList<string> ProcsFiles(string containerId) =>
        [.. layout.Roots.Select(r => Path.Combine(PathOf(r, containerId), "cgroup.procs"))];

    /// <summary>Creates the container's cgroups and writes its limits; null cpus / mem leave that controller's defaults.</summary>
    /// <exception cref="ContainerLaunchException">A cgroup could not be created or a limit not written.</exception>
    public void Prepare(string containerId, double? cpus, double? memMb)
    {
        try
        {
            if (layout.Version == CgroupVersion.V2)
            {
                EnableV2Controllers();
            }

            foreach (var root in layout.Roots)
            {
                fs.CreateDirectory(PathOf(root, containerId));
            }

            long? shares = LimitCpu && cpus is { } c ? CgroupValues.CpuShares(c) : null;
            long? quota = LimitCpu && enableCfs && cpus is { } q ? CgroupValues.CfsQuotaMicros(q) : null;
            long? memory = LimitMemory && memMb is { } m ? CgroupValues.MemoryLimitBytes(m) : null;
            var cpuDir = PathOf(layout.Cpu, containerId);
            var memDir = PathOf(layout.Memory, containerId);
            if (layout.Version == CgroupVersion.V1)
            {
                WriteV1(cpuDir, memDir, shares, quota, memory);
            }
            else
            {
                WriteV2(cpuDir, shares, quota, memory);
            }

            _prepared[containerId] = new Prepared(cpus, memMb, memory);
            _logger.CgroupsPrepared(containerId, layout.Version, shares, memory, quota);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContainerLaunchException($"Failed to prepare cgroups for container {containerId}: {e.Message}", e);
        }
    }

    /// <summary>Takes over the cgroups of a container a previous agent prepared (agent recovery): nothing is written,
    /// the limits are remembered for usage and OOM reports.</summary>
    public void Adopt(string containerId, double? cpus, double? memMb)
    {
        long? memory = LimitMemory && memMb is { } m ? CgroupValues.MemoryLimitBytes(m) : null;
        _prepared[containerId] = new Prepared(cpus, memMb, memory);
    }

    /// <summary>Moves <paramref name="pid"/> (and so everything it forks from now on) into the container's cgroups.</summary>
    public void Isolate(string containerId, int pid)
    {
        foreach (var procs in ProcsFiles(containerId))
        {
            fs.Write(procs, CgroupValues.Format(pid));
        }
    }

    /// <summary>The pids in the container's cgroups (all hierarchies).</summary>
    public IReadOnlyList<int> Pids(string containerId)
    {
        var pids = new SortedSet<int>();
        foreach (var procs in ProcsFiles(containerId))
        {
            foreach (var line in TryRead(procs)?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
            {
                if (CgroupValues.ParseSingle(line) is { } pid and > 0)
                {
                    pids.Add((int)pid);
                }
            }
        }

        return [.. pids];
    }

    /// <summary>SIGKILLs whatever is left in the container's cgroups and removes them.</summary>
    public async Task CleanupAsync(string containerId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var pids = Pids(containerId);
            if (pids.Count == 0)
            {
                break;
            }

            if (attempt == 99)
            {
                _logger.CgroupNotEmpty(containerId, pids.Count);
                break;
            }

            foreach (var pid in pids)
            {
                Libc.Kill((int)pid, Libc.SIGKILL);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var root in layout.Roots)
        {
            await RemoveWithRetryAsync(containerId, PathOf(root, containerId), cancellationToken).ConfigureAwait(false);
        }

        _prepared.TryRemove(containerId, out _);
    }

    private async Task RemoveWithRetryAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                fs.RemoveDirectory(path);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // rmdir answers EBUSY until the kernel has finished tearing down the last exited task; on a loaded
                // machine that can take seconds, so the budget is generous (about 5 s).
                if (attempt >= 250)
                {
                    Interlocked.Increment(ref _destroyErrors);
                    _logger.CgroupRemoveFailed(e, containerId, path);
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteV1(string cpuDir, string memDir, long? shares, long? quota, long? memory)
    {
        if (shares is { } s)
        {
            fs.Write(Path.Combine(cpuDir, "cpu.shares"), CgroupValues.Format(s));
        }

        if (quota is { } q)
        {
            fs.Write(Path.Combine(cpuDir, "cpu.cfs_period_us"), CgroupValues.Format(CgroupValues.CfsPeriodMicros));
            fs.Write(Path.Combine(cpuDir, "cpu.cfs_quota_us"), CgroupValues.Format(q));
        }

        if (memory is { } limit)
        {
            fs.Write(Path.Combine(memDir, "memory.limit_in_bytes"), CgroupValues.Format(limit));
            fs.Write(Path.Combine(memDir, "memory.soft_limit_in_bytes"), CgroupValues.Format(limit));

            // memory+swap equal to memory: no swap (only where swap accounting is compiled in).
            var memsw = Path.Combine(memDir, "memory.memsw.limit_in_bytes");
            if (fs.Exists(memsw))
            {
                fs.Write(memsw, CgroupValues.Format(limit));
            }
        }
    }

    private void WriteV2(string dir, long? shares, long? quota, long? memory)
    {
        if (shares is { } s)
        {
            fs.Write(Path.Combine(dir, "cpu.weight"), CgroupValues.Format(CgroupValues.CpuWeight(s)));
        }

        if (quota is { } q)
        {
            fs.Write(Path.Combine(dir, "cpu.max"), $"{CgroupValues.Format(q)} {CgroupValues.Format(CgroupValues.CfsPeriodMicros)}");
        }

        if (memory is { } limit)
        {
            fs.Write(Path.Combine(dir, "memory.max"), CgroupValues.Format(limit));
            var swap = Path.Combine(dir, "memory.swap.max");
            if (fs.Exists(swap))
            {
                fs.Write(swap, "0");
            }
        }
    }

    /// <summary>v2 hands controllers down only when each parent lists them in cgroup.subtree_control.</summary>
    private void EnableV2Controllers()
    {
        var parent = Path.Combine(layout.Memory, cgroupsRoot);
        fs.CreateDirectory(parent);
        fs.Write(Path.Combine(layout.Memory, "cgroup.subtree_control"), "+cpu +memory");
        fs.Write(Path.Combine(parent, "cgroup.subtree_control"), "+cpu +memory");
    }

    private string? TryRead(string path)
    {
        try
        {
            return fs.Exists(path) ? fs.Read(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Prepared(double? Cpus, double? MemMb, long? MemoryLimitBytes);
}
