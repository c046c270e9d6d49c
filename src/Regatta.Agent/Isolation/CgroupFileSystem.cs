using System.Text;

namespace Regatta.Agent.Isolation;

/// <summary>The real file system. Writes open the existing file without creating it (cgroup control files exist or
/// the controller does not support them) — except under a plain directory, where tests point it.</summary>
internal sealed class CgroupFileSystem : ICgroupFileSystem
{
    public static CgroupFileSystem Instance { get; } = new();

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public string Read(string path) => File.ReadAllText(path);

    public void Write(string path, string value)
    {
        // One write(2) call: the kernel parses each write of a control file on its own.
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        var bytes = Encoding.ASCII.GetBytes(value);
        stream.Write(bytes, 0, bytes.Length);
    }

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void RemoveDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // A cgroup directory holds kernel files that rmdir removes with it but unlink refuses: never recurse here.
        try
        {
            Directory.Delete(path, recursive: false);
        }
        catch (IOException) when (!IsCgroupFs(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public IReadOnlyList<string> ListDirectories(string path) =>
        Directory.Exists(path) ? [.. Directory.EnumerateDirectories(path).Select(d => Path.GetFileName(d))] : [];

    private static bool IsCgroupFs(string path) => path.StartsWith("/sys/fs/cgroup", StringComparison.Ordinal);
}
