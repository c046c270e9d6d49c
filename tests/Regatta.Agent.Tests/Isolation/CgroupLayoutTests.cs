using Regatta.Agent.Isolation;
using Regatta.Agent.Tests.Support;

namespace Regatta.Agent.Tests.Isolation;

public sealed class CgroupLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Detect_V1Controllers_FindsEachHierarchy()
    {
        CgroupTree.V1(_dir.Path);

        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path);

        Assert.NotNull(layout);
        Assert.Equal(CgroupVersion.V1, layout.Version);
        Assert.Equal(Path.Combine(_dir.Path, "cpu"), layout.Cpu);
        Assert.Equal(Path.Combine(_dir.Path, "cpuacct"), layout.CpuAcct);
        Assert.Equal(Path.Combine(_dir.Path, "memory"), layout.Memory);
        Assert.Equal(Path.Combine(_dir.Path, "freezer"), layout.Freezer);
        Assert.Equal(4, layout.Roots.Count);
    }

    [Fact]
    public void Detect_HybridWithV1Controllers_PrefersV1()
    {
        CgroupTree.Hybrid(_dir.Path);

        Assert.Equal(CgroupVersion.V1, CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path)?.Version);
    }

    [Fact]
    public void Detect_CombinedCpuCpuacctMount_UsesItForBoth()
    {
        CgroupTree.File(_dir.Path, "cpu,cpuacct/cpu.shares", "1024");
        CgroupTree.File(_dir.Path, "cpu,cpuacct/cpuacct.stat", "user 0\nsystem 0\n");
        CgroupTree.File(_dir.Path, "memory/memory.limit_in_bytes", "1");

        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path);

        Assert.NotNull(layout);
        Assert.Equal(layout.Cpu, layout.CpuAcct);
        Assert.Equal(2, layout.Roots.Count);
    }

    [Fact]
    public void Detect_UnifiedOnly_IsV2AtTheHierarchy()
    {
        CgroupTree.V2(_dir.Path);

        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path);

        Assert.NotNull(layout);
        Assert.Equal(CgroupVersion.V2, layout.Version);
        Assert.Equal(_dir.Path, layout.Memory);
        Assert.Single(layout.Roots);
    }

    [Fact]
    public void Detect_HybridUnifiedWithControllersAndNoV1_IsV2UnderUnified()
    {
        CgroupTree.File(_dir.Path, "unified/cgroup.controllers", "cpu memory\n");

        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path);

        Assert.Equal(CgroupVersion.V2, layout?.Version);
        Assert.Equal(Path.Combine(_dir.Path, "unified"), layout?.Memory);
    }

    [Fact]
    public void Detect_UnifiedWithoutMemoryController_IsNull()
    {
        CgroupTree.File(_dir.Path, "unified/cgroup.controllers", "cpu pids\n");

        Assert.Null(CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path));
    }

    [Fact]
    public void Detect_EmptyDirectory_IsNull() => Assert.Null(CgroupLayout.Detect(CgroupFileSystem.Instance, _dir.Path));

    public void Dispose() => _dir.Dispose();
}
