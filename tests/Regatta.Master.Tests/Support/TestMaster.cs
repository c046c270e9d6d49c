using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Master.Tests.Support;

/// <summary>Starts real masters on 127.0.0.1 with an OS-chosen port, sized for fast tests.</summary>
internal static class TestMaster
{
    public static MasterOptions Options(string? workDir = null) => new()
    {
        Ip = "127.0.0.1",
        Port = 0,
        Hostname = "localhost",
        WorkDir = workDir,
        Registry = workDir is null ? MasterOptions.InMemoryRegistry : MasterOptions.ReplicatedLogRegistry,
        AllocationInterval = TimeSpan.FromMilliseconds(200),
        AllocatorSeed = 3,
    };

    public static Task<MasterHost> StartAsync(MasterOptions? options = null) =>
        MasterHost.StartAsync(options ?? Options(), NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);

    public static string NewWorkDir() => Path.Combine(Path.GetTempPath(), "regatta-master-" + Guid.NewGuid().ToString("N"));
}
