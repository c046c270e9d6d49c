using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Isolation;
using Regatta.Agent.Tests.Support;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Isolation;

/// <summary>The process containerizer with the cgroups isolator on the machine's real cgroups (root only).</summary>
public sealed class CgroupsIntegrationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private readonly string _root = "regatta-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly CgroupsIsolator? _isolator;
    private readonly ProcessContainerizer? _containerizer;

    public CgroupsIntegrationTests()
    {
        if (CgroupLayout.Detect(CgroupFileSystem.Instance, CgroupsFactAttribute.Hierarchy) is not null && Regatta.Agent.Posix.Libc.GetEuid() == 0)
        {
            _isolator = IsolationSetup.Create(
                "cgroups/cpu,cgroups/mem", CgroupsFactAttribute.Hierarchy, _root, true, CgroupFileSystem.Instance, TimeProvider.System, NullLogger.Instance, out _);
            _containerizer = new ProcessContainerizer(NullLogger<ProcessContainerizer>.Instance, TimeProvider.System, switchUser: true, _isolator);
        }
    }

    [CgroupsFact]
    public async Task Launch_TaskWithCpusAndMem_RunsInsideItsCgroupsWithTheLimits()
    {
        var launch = Launch("sleep 30", cpus: 0.5, mem: 64);
        var handle = await _containerizer!.LaunchAsync(launch, CancellationToken.None);
        var layout = _isolator!.Layout;

        if (layout.Version == CgroupVersion.V1)
        {
            Assert.Equal("512", Read(layout.Cpu, launch.ContainerId, "cpu.shares"));
            Assert.Equal("50000", Read(layout.Cpu, launch.ContainerId, "cpu.cfs_quota_us"));
            Assert.Equal("67108864", Read(layout.Memory, launch.ContainerId, "memory.limit_in_bytes"));
        }
        else
        {
            Assert.Equal("67108864", Read(layout.Memory, launch.ContainerId, "memory.max"));
        }

        Assert.True(await EventuallyAsync(() => _isolator.Pids(launch.ContainerId).Contains(handle.Pid)));
        var usage = _containerizer.Usage(launch.ContainerId);
        Assert.NotNull(usage);
        Assert.Equal(67108864, usage.MemLimitBytes);
        Assert.Equal(0.5, usage.CpusLimit);
        // Memory charged before the task joined its cgroup stays with the old one, so usage can read 0 for a moment.
        Assert.True(await EventuallyAsync(() => _containerizer.Usage(launch.ContainerId)?.MemTotalBytes > 0), "memory usage stays 0");

        await _containerizer.KillAsync(handle, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(Bound);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Null(exit.Limitation);
        Assert.Equal(15, exit.Signal);
        Assert.False(Directory.Exists(_isolator.PathOf(layout.Memory, launch.ContainerId)));
        Assert.False(Directory.Exists(_isolator.PathOf(layout.Cpu, launch.ContainerId)));
    }

    [CgroupsFact]
    public async Task Launch_ArgvCommand_KeepsItsArgumentsThroughTheJoiningShell()
    {
        var launch = Launch("unused", cpus: 0.1, mem: 32) with
        {
            Command = new V1.CommandInfo { Shell = false, Value = "echo", Arguments = { "echo", "a b", "$$", "'q'" } },
        };

        var handle = await _containerizer!.LaunchAsync(launch, CancellationToken.None);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("a b $$ 'q'\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stdout")));
    }

    [CgroupsFact]
    public async Task Launch_MemoryHog_IsKilledAndReportedAsAMemoryLimitation()
    {
        var launch = Launch("x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done", cpus: 1, mem: 64);

        var handle = await _containerizer!.LaunchAsync(launch, CancellationToken.None);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(9, exit.Signal);
        Assert.NotNull(exit.Limitation);
        Assert.Equal(Reason.ContainerLimitationMemory, exit.Limitation.Reason);
        Assert.StartsWith("Memory limit exceeded: Requested: 64MB Maximum Used: ", exit.Limitation.Message);
    }

    [CgroupsFact]
    public async Task Launch_ChildOomKilledWhileTheMainProcessLivesOn_DestroysTheContainer()
    {
        var launch = Launch("(x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done); sleep 300", cpus: 1, mem: 64);

        var handle = await _containerizer!.LaunchAsync(launch, CancellationToken.None);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(Reason.ContainerLimitationMemory, exit.Limitation?.Reason);
    }

    [CgroupsFact]
    public async Task Exit_ProcessThatLeftTheSession_IsStillKilledThroughTheCgroup()
    {
        var launch = Launch("setsid sh -c 'echo $$ > escaped; exec sleep 300' & while [ ! -s escaped ]; do sleep 0.05; done; exit 0", cpus: 0.1, mem: 64);

        var handle = await _containerizer!.LaunchAsync(launch, CancellationToken.None);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);
        var escaped = await ProcessProbe.ReadPidsAsync(Path.Combine(launch.Sandbox, "escaped"), 1, Bound);
        try
        {
            Assert.Equal(0, exit.ExitCode);
            Assert.True(await ProcessProbe.AllDeadAsync(escaped, TimeSpan.FromSeconds(5)));
        }
        finally
        {
            ProcessProbe.KillQuietly(escaped);
        }
    }

    public void Dispose()
    {
        if (_isolator is not null)
        {
            foreach (var root in _isolator.Layout.Roots)
            {
                CgroupFileSystem.Instance.RemoveDirectory(Path.Combine(root, _root));
            }
        }

        _dir.Dispose();
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private string Read(string controllerRoot, string containerId, string file) =>
        File.ReadAllText(Path.Combine(_isolator!.PathOf(controllerRoot, containerId), file)).Trim();

    private ContainerLaunch Launch(string shellCommand, double cpus, double mem)
    {
        var id = Guid.NewGuid().ToString();
        return new ContainerLaunch(id, Path.Combine(_dir.Path, id), new V1.CommandInfo { Value = shellCommand }, null, new Dictionary<string, string>())
        {
            Resources = [Scalar("cpus", cpus), Scalar("mem", mem)],
        };
    }

    internal static V1.Resource Scalar(string name, double value) =>
        new() { Name = name, Type = V1.Value.Types.Type.Scalar, Scalar = new V1.Value.Types.Scalar { Value = value } };
}
