using Regatta.Agent.Containerizers;
using Regatta.Agent.Isolation;
using Regatta.Agent.Tests.Support;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Tests.Isolation;

public sealed class CgroupsIsolatorTests : IDisposable
{
    private const string Id = "c0ffee";
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Prepare_V1_WritesSharesMemoryLimitAndNoSwap()
    {
        CgroupTree.V1(_dir.Path);
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.memsw.limit_in_bytes", "9223372036854771712");
        var isolator = Isolator(enableCfs: false);

        isolator.Prepare(Id, 0.5, 64);

        Assert.Equal("512", CgroupTree.Read(_dir.Path, $"cpu/mesos/{Id}/cpu.shares"));
        Assert.Equal("67108864", CgroupTree.Read(_dir.Path, $"memory/mesos/{Id}/memory.limit_in_bytes"));
        Assert.Equal("67108864", CgroupTree.Read(_dir.Path, $"memory/mesos/{Id}/memory.memsw.limit_in_bytes"));
        Assert.False(File.Exists(Path.Combine(_dir.Path, $"cpu/mesos/{Id}/cpu.cfs_quota_us")));
        Assert.True(Directory.Exists(Path.Combine(_dir.Path, $"cpuacct/mesos/{Id}")));
        Assert.True(Directory.Exists(Path.Combine(_dir.Path, $"freezer/mesos/{Id}")));
    }

    [Fact]
    public void Prepare_V1WithCfs_WritesPeriodAndQuota()
    {
        CgroupTree.V1(_dir.Path);

        Isolator(enableCfs: true).Prepare(Id, 1.5, null);

        Assert.Equal("100000", CgroupTree.Read(_dir.Path, $"cpu/mesos/{Id}/cpu.cfs_period_us"));
        Assert.Equal("150000", CgroupTree.Read(_dir.Path, $"cpu/mesos/{Id}/cpu.cfs_quota_us"));
        Assert.False(File.Exists(Path.Combine(_dir.Path, $"memory/mesos/{Id}/memory.limit_in_bytes")));
    }

    [Fact]
    public void Prepare_TinyRequests_AreRaisedToTheMinimums()
    {
        CgroupTree.V1(_dir.Path);

        Isolator(enableCfs: false).Prepare(Id, 0.0001, 4);

        Assert.Equal("2", CgroupTree.Read(_dir.Path, $"cpu/mesos/{Id}/cpu.shares"));
        Assert.Equal("33554432", CgroupTree.Read(_dir.Path, $"memory/mesos/{Id}/memory.limit_in_bytes"));
    }

    [Fact]
    public void Prepare_OnlyMemIsolation_LeavesCpuAlone()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = new CgroupsIsolator(CgroupFileSystem.Instance, Layout(), "mesos", enableCfs: true, TimeProvider.System) { LimitCpu = false };

        isolator.Prepare(Id, 2, 128);

        Assert.False(File.Exists(Path.Combine(_dir.Path, $"cpu/mesos/{Id}/cpu.shares")));
        Assert.False(File.Exists(Path.Combine(_dir.Path, $"cpu/mesos/{Id}/cpu.cfs_quota_us")));
        Assert.Equal("134217728", CgroupTree.Read(_dir.Path, $"memory/mesos/{Id}/memory.limit_in_bytes"));
    }

    [Fact]
    public void Prepare_V2_WritesWeightMaxAndEnablesControllers()
    {
        CgroupTree.V2(_dir.Path);
        CgroupTree.File(_dir.Path, $"mesos/{Id}/memory.swap.max", "max");

        Isolator(enableCfs: true).Prepare(Id, 0.5, 100);

        Assert.Equal("+cpu +memory", CgroupTree.Read(_dir.Path, "cgroup.subtree_control"));
        Assert.Equal("+cpu +memory", CgroupTree.Read(_dir.Path, "mesos/cgroup.subtree_control"));
        Assert.Equal(CgroupValues.CpuWeight(512).ToString(System.Globalization.CultureInfo.InvariantCulture), CgroupTree.Read(_dir.Path, $"mesos/{Id}/cpu.weight"));
        Assert.Equal("50000 100000", CgroupTree.Read(_dir.Path, $"mesos/{Id}/cpu.max"));
        Assert.Equal("104857600", CgroupTree.Read(_dir.Path, $"mesos/{Id}/memory.max"));
        Assert.Equal("0", CgroupTree.Read(_dir.Path, $"mesos/{Id}/memory.swap.max"));
    }

    [Fact]
    public void Prepare_UnwritableHierarchy_ThrowsALaunchErrorNamingTheContainer()
    {
        CgroupTree.V1(_dir.Path);
        File.WriteAllText(Path.Combine(_dir.Path, "cpu", "mesos"), "a file where a directory belongs");

        var error = Assert.Throws<ContainerLaunchException>(() => Isolator(enableCfs: false).Prepare(Id, 1, 64));

        Assert.Contains(Id, error.Message);
    }

    [Fact]
    public void Isolate_V1_WritesThePidToEveryHierarchy()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);

        isolator.Isolate(Id, 4242);

        foreach (var controller in new[] { "cpu", "cpuacct", "memory", "freezer" })
        {
            Assert.Equal("4242", CgroupTree.Read(_dir.Path, $"{controller}/mesos/{Id}/cgroup.procs"));
        }

        Assert.Equal(4, isolator.ProcsFiles(Id).Count);
        Assert.Equal([4242], isolator.Pids(Id));
    }

    [Fact]
    public void Usage_V1_ConvertsTicksAndReadsMemory()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 0.5, 64);
        CgroupTree.File(_dir.Path, $"cpuacct/mesos/{Id}/cpuacct.stat", "user 250\nsystem 75\n");
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.stat", "cache 10\nrss 4096\ntotal_rss 8192\n");
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.usage_in_bytes", "12288\n");

        var usage = isolator.Usage(Id);

        Assert.NotNull(usage);
        Assert.Equal(2.5, usage.CpusUserTimeSecs);
        Assert.Equal(0.75, usage.CpusSystemTimeSecs);
        Assert.Equal(0.5, usage.CpusLimit);
        Assert.Equal(8192, usage.MemRssBytes);
        Assert.Equal(67108864, usage.MemLimitBytes);
        Assert.Equal(12288, usage.MemTotalBytes);
        Assert.True(usage.Timestamp > 1_600_000_000);
    }

    [Fact]
    public void Usage_V2_ConvertsMicrosecondsAndReadsAnon()
    {
        CgroupTree.V2(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);
        CgroupTree.File(_dir.Path, $"mesos/{Id}/cpu.stat", "usage_usec 3000000\nuser_usec 2000000\nsystem_usec 1000000\n");
        CgroupTree.File(_dir.Path, $"mesos/{Id}/memory.stat", "anon 1048576\nfile 4096\n");
        CgroupTree.File(_dir.Path, $"mesos/{Id}/memory.current", "2097152\n");

        var usage = isolator.Usage(Id);

        Assert.NotNull(usage);
        Assert.Equal(2.0, usage.CpusUserTimeSecs);
        Assert.Equal(1.0, usage.CpusSystemTimeSecs);
        Assert.Equal(1048576, usage.MemRssBytes);
        Assert.Equal(67108864, usage.MemLimitBytes);
        Assert.Equal(2097152, usage.MemTotalBytes);
    }

    [Fact]
    public void Usage_UnknownContainer_IsNull()
    {
        CgroupTree.V1(_dir.Path);

        Assert.Null(Isolator(enableCfs: false).Usage("nope"));
    }

    [Fact]
    public void MemoryLimitation_V1OomKill_NamesRequestAndMaximumUsed()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.max_usage_in_bytes", "67104768\n");

        var limitation = isolator.MemoryLimitation(Id);

        Assert.NotNull(limitation);
        Assert.Equal(Reason.ContainerLimitationMemory, limitation.Reason);
        Assert.Equal("Memory limit exceeded: Requested: 64MB Maximum Used: 64MB", limitation.Message);
    }

    [Fact]
    public void MemoryLimitation_V1NoOomKill_IsNullEvenWithFailures()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.failcnt", "12\n");

        Assert.Null(isolator.MemoryLimitation(Id));
    }

    [Fact]
    public void MemoryLimitation_V1KernelWithoutOomKillCounter_UsesFailcnt()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.failcnt", "3\n");

        Assert.Equal(Reason.ContainerLimitationMemory, isolator.MemoryLimitation(Id)?.Reason);
        Assert.False(isolator.OomKilled(Id));
    }

    [Fact]
    public void OomKilled_V1Counter_IsSeenWhileRunning()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);
        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        Assert.False(isolator.OomKilled(Id));

        CgroupTree.File(_dir.Path, $"memory/mesos/{Id}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");

        Assert.True(isolator.OomKilled(Id));
    }

    [Fact]
    public void MemoryLimitation_V2MemoryEvents_ReportsTheLimit()
    {
        CgroupTree.V2(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 128);
        CgroupTree.File(_dir.Path, $"mesos/{Id}/memory.events", "low 0\nhigh 0\nmax 40\noom 1\noom_kill 1\n");

        Assert.Equal("Memory limit exceeded: Requested: 128MB Maximum Used: 128MB", isolator.MemoryLimitation(Id)?.Message);
    }

    [Fact]
    public async Task CleanupAsync_EmptyCgroups_RemovesEveryDirectory()
    {
        CgroupTree.V1(_dir.Path);
        var isolator = Isolator(enableCfs: false);
        isolator.Prepare(Id, 1, 64);

        await isolator.CleanupAsync(Id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var controller in new[] { "cpu", "cpuacct", "memory", "freezer" })
        {
            Assert.False(Directory.Exists(Path.Combine(_dir.Path, controller, "mesos", Id)));
            Assert.True(Directory.Exists(Path.Combine(_dir.Path, controller, "mesos")));
        }

        Assert.Null(isolator.Usage(Id));
        Assert.Equal(0, isolator.DestroyErrors);
    }

    public void Dispose() => _dir.Dispose();

    private CgroupLayout Layout() => CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path) ?? throw new InvalidOperationException("no layout");

    private CgroupsIsolator Isolator(bool enableCfs) => new(CgroupFileSystem.Instance, Layout(), "mesos", enableCfs, TimeProvider.System);
}
