using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Paths;

public sealed class AgentIdStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void TryRecover_FreshWorkDir_ReturnsNull() =>
        Assert.Null(new AgentIdStore(new AgentPaths(_dir.Path)).TryRecover());

    [Fact]
    public void Save_ThenRecover_ReturnsTheIdAndInfo()
    {
        var paths = new AgentPaths(_dir.Path);
        var store = new AgentIdStore(paths);
        var info = new V1.AgentInfo { Hostname = "h", Id = new V1.AgentID { Value = "M-S3" } };

        store.Save(info);

        Assert.Equal("M-S3", store.TryRecover());
        Assert.Equal("M-S3", new FileInfo(paths.LatestAgentPointer).LinkTarget);
        Assert.Equal(info, store.TryReadAgentInfo("M-S3"));
    }

    [Fact]
    public void Save_Twice_RepointsLatest()
    {
        var store = new AgentIdStore(new AgentPaths(_dir.Path));
        store.Save(new V1.AgentInfo { Hostname = "h", Id = new V1.AgentID { Value = "M-S1" } });

        store.Save(new V1.AgentInfo { Hostname = "h", Id = new V1.AgentID { Value = "M-S2" } });

        Assert.Equal("M-S2", store.TryRecover());
    }

    [Fact]
    public void TryRecover_PlainFilePointer_ReadsTheIdFromIt()
    {
        var paths = new AgentPaths(_dir.Path);
        Directory.CreateDirectory(paths.MetaSlavesDir);
        File.WriteAllText(paths.LatestAgentPointer, "M-S9\n");

        Assert.Equal("M-S9", new AgentIdStore(paths).TryRecover());
    }

    [Fact]
    public void Forget_RemovesThePointer()
    {
        var store = new AgentIdStore(new AgentPaths(_dir.Path));
        store.Save(new V1.AgentInfo { Hostname = "h", Id = new V1.AgentID { Value = "M-S1" } });

        store.Forget();

        Assert.Null(store.TryRecover());
    }

    public void Dispose() => _dir.Dispose();
}
