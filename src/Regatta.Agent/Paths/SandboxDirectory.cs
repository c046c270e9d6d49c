namespace Regatta.Agent.Paths;

/// <summary>Creates a run directory and points the executor's <c>runs/latest</c> symlink at it, as Mesos does.</summary>
internal static class SandboxDirectory
{
    public static void Create(string sandbox)
    {
        Directory.CreateDirectory(sandbox);
        Symlink.Replace(Path.Combine(Path.GetDirectoryName(sandbox)!, "latest"), Path.GetFileName(sandbox));
    }
}
