namespace Regatta.Agent.Isolation;

/// <summary>
/// The few file operations the cgroups isolator needs, so its logic runs against a fake or a temporary directory in
/// tests. Paths are absolute. Failures surface as <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.
/// </summary>
internal interface ICgroupFileSystem
{
    bool Exists(string path);

    string Read(string path);

    void Write(string path, string value);

    void CreateDirectory(string path);

    /// <summary>Removes an (empty, for a real cgroup: process-free) directory; missing directories are ignored.</summary>
    void RemoveDirectory(string path);

    /// <summary>Names of the sub-directories of <paramref name="path"/> (empty when it does not exist).</summary>
    IReadOnlyList<string> ListDirectories(string path);
}
