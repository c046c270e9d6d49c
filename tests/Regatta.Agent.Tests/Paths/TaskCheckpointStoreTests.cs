using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Paths;

public sealed class TaskCheckpointStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void SaveLoadDelete_UsesMesosMetaLayout_AndSkipsUnreadableFiles()
    {
        var paths = new AgentPaths(_dir.Path);
        var store = new TaskCheckpointStore(paths);
        var dir = paths.MetaExecutorDir("S1", "F1", "t1");
        var checkpoint = new TaskCheckpoint
        {
            Framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = "F1" }, Name = "fw", User = "root" },
            Task = new V1.TaskInfo { Name = "t1", TaskId = new V1.TaskID { Value = "t1" }, AgentId = new V1.AgentID { Value = "S1" } },
            ContainerId = "c1",
            Pid = 42,
            Environment = { ["PORT"] = "31000" },
        };
        var problems = new List<string>();

        TaskCheckpointStore.Save(dir, checkpoint);
        var corrupt = paths.MetaExecutorDir("S1", "F1", "t2");
        Directory.CreateDirectory(corrupt);
        File.WriteAllBytes(Path.Combine(corrupt, AgentPaths.TaskCheckpointName), [0xff, 0xff, 0xff]);
        var loaded = store.Load("S1", (path, _) => problems.Add(path));

        Assert.Equal(Path.Combine(_dir.Path, "meta/slaves/S1/frameworks/F1/executors/t1/task.checkpoint"), Path.Combine(dir, AgentPaths.TaskCheckpointName));
        Assert.Equal(checkpoint, Assert.Single(loaded));
        Assert.EndsWith("executors/t2/task.checkpoint", Assert.Single(problems), StringComparison.Ordinal);

        TaskCheckpointStore.Delete(dir);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void OtherAgentIds_ListsEarlierIdentities_NotTheLatestPointer()
    {
        var paths = new AgentPaths(_dir.Path);
        Directory.CreateDirectory(paths.AgentMetaDir("S1"));
        Directory.CreateDirectory(paths.AgentMetaDir("S2"));
        Directory.CreateSymbolicLink(paths.LatestAgentPointer, "S2");

        Assert.Equal(["S1"], new TaskCheckpointStore(paths).OtherAgentIds("S2"));
        Assert.Equal(["S1", "S2"], new TaskCheckpointStore(paths).OtherAgentIds(null));
    }

    public void Dispose() => _dir.Dispose();
}
