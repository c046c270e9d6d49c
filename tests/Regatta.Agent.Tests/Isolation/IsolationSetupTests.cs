using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Isolation;
using Regatta.Agent.Tests.Support;

namespace Regatta.Agent.Tests.Isolation;

public sealed class IsolationSetupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Validate_UnknownIsolator_NamesTheFlagAndTheKnownOnes()
    {
        var error = Assert.Single(IsolationSetup.Validate("cgroups/cpu,gpu/nvidia"));

        Assert.StartsWith("--isolation: unknown isolator 'gpu/nvidia'", error);
        Assert.Contains("cgroups/mem", error);
    }

    [Fact]
    public void Validate_EmptyNameOrConflict_IsRejected()
    {
        Assert.Contains("empty name", Assert.Single(IsolationSetup.Validate("cgroups/cpu,,posix/mem")));
        Assert.Contains("either cgroups/mem or posix/mem", Assert.Single(IsolationSetup.Validate("cgroups/mem,posix/mem")));
        Assert.Empty(IsolationSetup.Validate("cgroups/cpu,cgroups/mem,filesystem/posix"));
        Assert.Empty(IsolationSetup.Validate(null));
    }

    [Fact]
    public void Validate_AgentOptionsWithBadIsolationFlags_NamesEachFlag()
    {
        var options = new AgentOptions { Master = "127.0.0.1:5050", WorkDir = "/tmp/w", Isolation = "cgroups/disk", CgroupsRoot = "../escape", CgroupsHierarchy = "sys" };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("--isolation: unknown isolator 'cgroups/disk'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--cgroups_root:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--cgroups_hierarchy:", StringComparison.Ordinal));
        Assert.Empty(new AgentOptions { Master = "127.0.0.1:5050", WorkDir = "/tmp/w", Isolation = "posix/cpu,posix/mem" }.Validate());
    }

    [Fact]
    public void Create_AutomaticWithoutCgroups_FallsBackToPosix()
    {
        var isolator = Create(null, out var effective);

        Assert.Null(isolator);
        Assert.Equal(IsolationSetup.PosixDefault, effective);
    }

    [Fact]
    public void Create_AutomaticWithWritableCgroups_UsesCgroupsAndCreatesTheRoot()
    {
        CgroupTree.V1(_dir.Path);

        var isolator = Create(null, out var effective);

        Assert.NotNull(isolator);
        Assert.Equal(IsolationSetup.CgroupsDefault, effective);
        Assert.True(isolator.LimitCpu && isolator.LimitMemory);
        Assert.True(Directory.Exists(Path.Combine(_dir.Path, "memory", "mesos")));
    }

    [Fact]
    public void Create_ExplicitCgroupsWithoutCgroups_FailsNamingTheFlag()
    {
        var error = Assert.Throws<ArgumentException>(() => Create("cgroups/mem", out _));

        Assert.StartsWith("--isolation:", error.Message);
    }

    [Fact]
    public void Create_ExplicitPosix_IgnoresAvailableCgroups()
    {
        CgroupTree.V1(_dir.Path);

        Assert.Null(Create("posix/cpu,posix/mem", out var effective));
        Assert.Equal("posix/cpu,posix/mem", effective);
    }

    [Fact]
    public void Create_OnlyCgroupsCpu_LimitsCpuOnly()
    {
        CgroupTree.V1(_dir.Path);

        var isolator = Create("cgroups/cpu,posix/mem", out _);

        Assert.NotNull(isolator);
        Assert.True(isolator.LimitCpu);
        Assert.False(isolator.LimitMemory);
    }

    public void Dispose() => _dir.Dispose();

    private CgroupsIsolator? Create(string? isolation, out string effective) =>
        IsolationSetup.Create(isolation, _dir.Path, "mesos", false, CgroupFileSystem.Instance, TimeProvider.System, NullLogger.Instance, out effective);
}
