using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Regatta.Agent.Posix;

/// <summary>What <c>/files/browse</c> reports for one path (stat(2) semantics: symlinks are followed).</summary>
internal sealed record FileStatus(uint NLink, ulong Size, double MtimeSeconds, uint Mode, string User, string Group)
{
    private static readonly ConcurrentDictionary<uint, string> UserNames = new();
    private static readonly ConcurrentDictionary<uint, string> GroupNames = new();

    public bool IsDirectory => (Mode & 0xF000) == 0x4000;

    public static unsafe FileStatus? TryGet(string path)
    {
        Libc.StatxBuffer buffer;
        if (Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_BASIC_STATS, &buffer) != 0)
        {
            return null;
        }

        return new FileStatus(
            buffer.NLink,
            buffer.Size,
            buffer.MtimeSeconds + (buffer.MtimeNanoseconds / 1e9),
            buffer.Mode,
            UserNames.GetOrAdd(buffer.Uid, UserName),
            GroupNames.GetOrAdd(buffer.Gid, GroupName));
    }

    private static unsafe string UserName(uint uid)
    {
        var buffer = stackalloc byte[4096];
        Libc.Passwd pwd;
        Libc.Passwd* result = null;
        return Libc.GetPwUidR(uid, &pwd, buffer, 4096, &result) == 0 && result != null
            ? Marshal.PtrToStringUTF8(pwd.Name) ?? uid.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static unsafe string GroupName(uint gid)
    {
        var buffer = stackalloc byte[4096];
        Libc.Group grp;
        Libc.Group* result = null;
        return Libc.GetGrGidR(gid, &grp, buffer, 4096, &result) == 0 && result != null
            ? Marshal.PtrToStringUTF8(grp.Name) ?? gid.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
