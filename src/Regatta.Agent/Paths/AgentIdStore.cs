using Google.Protobuf;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Paths;

/// <summary>
/// Reads and writes the checkpointed agent identity: <c>meta/slaves/latest</c> names the id (a symlink to
/// <c>meta/slaves/&lt;id&gt;</c>, or a plain file holding the id), and <c>meta/slaves/&lt;id&gt;/slave.info</c> holds the
/// AgentInfo in protobuf binary form, as Mesos checkpoints it.
/// </summary>
internal sealed class AgentIdStore(AgentPaths paths)
{
    /// <summary>The recovered agent id, or null for a fresh agent (no pointer, or a pointer that names nothing valid).</summary>
    public string? TryRecover()
    {
        var pointer = paths.LatestAgentPointer;
        var info = new FileInfo(pointer);
        string? id = null;
        if (info.LinkTarget is { } target)
        {
            id = Path.GetFileName(target.TrimEnd('/'));
        }
        else if (info.Exists)
        {
            id = File.ReadAllText(pointer).Trim();
        }

        return id is not null && AgentPaths.CheckSegment(id, "agent id") is null ? id : null;
    }

    public V1.AgentInfo? TryReadAgentInfo(string agentId)
    {
        var file = paths.AgentInfoFile(agentId);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return V1.AgentInfo.Parser.ParseFrom(File.ReadAllBytes(file));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>Checkpoints the AgentInfo, then atomically repoints <c>latest</c> at it.</summary>
    public void Save(V1.AgentInfo info)
    {
        var id = info.Id.Value;
        var dir = paths.AgentMetaDir(id);
        Directory.CreateDirectory(dir);
        WriteAtomically(paths.AgentInfoFile(id), info.ToByteArray());

        Symlink.Replace(paths.LatestAgentPointer, id);
    }

    /// <summary>Forgets the current id (the master refused it); the next registration is a new agent.</summary>
    public void Forget()
    {
        var pointer = paths.LatestAgentPointer;
        if (File.Exists(pointer) || new FileInfo(pointer).LinkTarget is not null)
        {
            File.Delete(pointer);
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
