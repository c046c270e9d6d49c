using System.Runtime.InteropServices;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Paths;

internal static class Symlink
{
    /// <summary>Points <paramref name="link"/> at <paramref name="target"/> atomically: a new link under a temporary name is
    /// renamed over the old one (rename(2) replaces a symlink itself, never what it points to).</summary>
    public static void Replace(string link, string target)
    {
        var temp = link + ".tmp";
        if (new FileInfo(temp).LinkTarget is not null || File.Exists(temp))
        {
            File.Delete(temp);
        }

        File.CreateSymbolicLink(temp, target);
        if (Libc.Rename(temp, link) != 0)
        {
            throw new IOException($"rename '{temp}' to '{link}': {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }
}
