using Google.Protobuf;
using Regatta.Protocol.Agent;

namespace Regatta.Agent.Paths;

/// <summary>
/// The task checkpoints under <c>meta/slaves/&lt;agent&gt;/frameworks/&lt;fw&gt;/executors/&lt;task&gt;/task.checkpoint</c>:
/// one protobuf <see cref="TaskCheckpoint"/> per live task, replaced atomically (write, rename) whenever the task or
/// its update stream changes, removed with its directory once the task's terminal update is acknowledged.
/// </summary>
internal sealed class TaskCheckpointStore(AgentPaths paths)
{
    public static void Save(string executorDir, TaskCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(executorDir);
        var file = Path.Combine(executorDir, AgentPaths.TaskCheckpointName);
        var temp = file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            checkpoint.WriteTo(stream);
        }

        File.Move(temp, file, overwrite: true);
    }

    public static void Delete(string executorDir)
    {
        if (Directory.Exists(executorDir))
        {
            Directory.Delete(executorDir, recursive: true);
        }
    }

    /// <summary>Every readable checkpoint of <paramref name="agentId"/>; unreadable ones are reported, not fatal.</summary>
    public IReadOnlyList<TaskCheckpoint> Load(string agentId, Action<string, string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        var found = new List<TaskCheckpoint>();
        var root = paths.MetaFrameworksDir(agentId);
        if (!Directory.Exists(root))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(root, AgentPaths.TaskCheckpointName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                found.Add(TaskCheckpoint.Parser.ParseFrom(File.ReadAllBytes(file)));
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or IOException or UnauthorizedAccessException)
            {
                unreadable(file, e.Message);
            }
        }

        return found;
    }

    /// <summary>The agent ids with meta data other than <paramref name="current"/> (identities given up earlier).</summary>
    public IReadOnlyList<string> OtherAgentIds(string? current)
    {
        if (!Directory.Exists(paths.MetaSlavesDir))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(paths.MetaSlavesDir)
            .Where(d => new FileInfo(d).LinkTarget is null)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(id => id != current && AgentPaths.CheckSegment(id, "agent id") is null)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Drops the task checkpoints of an identity that is not coming back (its slave.info stays).</summary>
    public void Forget(string agentId)
    {
        var root = paths.MetaFrameworksDir(agentId);
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
