using System.Runtime.InteropServices;

namespace Regatta.Agent.Posix;

/// <summary>The few libc calls the process containerizer needs (Linux, glibc ≥ 2.29 for addchdir_np).</summary>
internal static unsafe partial class Libc
{
    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int ECHILD = 10;
    public const int EPERM = 1;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_APPEND = 0x400;

    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const short POSIX_SPAWN_SETSID = 0x80;

    /// <summary>Generous upper bounds of glibc's opaque structs (80, 336 and 128 bytes on x86_64/aarch64).</summary>
    public const int SpawnFileActionsSize = 512;
    public const int SpawnAttrSize = 1024;
    public const int SigSetSize = 256;

    private const string Lib = "libc";

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Lib, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Lib, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, uint uid, uint gid);

    [LibraryImport(Lib, EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetPwNamR(string name, Passwd* pwd, byte* buffer, nuint bufferLength, Passwd** result);

    [LibraryImport(Lib, EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PosixSpawn(out int pid, string path, void* fileActions, void* attributes, nint* argv, nint* envp);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* actions);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddOpen(void* actions, int fd, string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddChdir(void* actions, string path);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_init")]
    public static partial int SpawnAttrInit(void* attributes);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int SpawnAttrDestroy(void* attributes);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int SpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int SpawnAttrSetSigMask(void* attributes, void* sigset);

    [LibraryImport(Lib, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int SpawnAttrSetSigDefault(void* attributes, void* sigset);

    [LibraryImport(Lib, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* sigset);

    [LibraryImport(Lib, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* sigset);

    [LibraryImport(Lib, EntryPoint = "getpwuid_r")]
    public static partial int GetPwUidR(uint uid, Passwd* pwd, byte* buffer, nuint bufferLength, Passwd** result);

    [LibraryImport(Lib, EntryPoint = "getgrgid_r")]
    public static partial int GetGrGidR(uint gid, Group* grp, byte* buffer, nuint bufferLength, Group** result);

    [LibraryImport(Lib, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealPath(string path, nint resolved);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string oldPath, string newPath);

    [LibraryImport(Lib, EntryPoint = "free")]
    public static partial void Free(nint pointer);

    /// <summary>statx(2): unlike struct stat its layout is the same on every architecture.</summary>
    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, StatxBuffer* buffer);

    public const int AT_FDCWD = -100;
    public const uint STATX_BASIC_STATS = 0x7ff;

    [LibraryImport(Lib, EntryPoint = "strerror_r")]
    private static partial nint StrErrorR(int errnum, byte* buffer, nuint length);

    /// <summary>The OS's text for an errno value (GNU strerror_r returns a pointer that may or may not be the buffer).</summary>
    public static string ErrorText(int errno)
    {
        var buffer = stackalloc byte[256];
        var text = StrErrorR(errno, buffer, 256);
        return Marshal.PtrToStringUTF8(text) ?? $"errno {errno}";
    }

    /// <summary>Canonical absolute path with every symlink resolved, or null (errno via GetLastPInvokeError).</summary>
    public static string? ResolvePath(string path)
    {
        var resolved = RealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary><c>struct group</c> of glibc (only the name is read).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Group
    {
        public nint Name;
        public nint Password;
        public uint Gid;
        public nint Members;
    }

    /// <summary><c>struct statx</c> (256 bytes); only the fields the file browser shows are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(16)]
        public uint NLink;

        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(24)]
        public uint Gid;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(112)]
        public long MtimeSeconds;

        [FieldOffset(120)]
        public uint MtimeNanoseconds;
    }

    /// <summary><c>struct passwd</c> of glibc on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Dir;
        public nint Shell;
    }
}
