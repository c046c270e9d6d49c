using System.Runtime.InteropServices;

namespace Regatta.Agent.Posix;

/// <summary>
/// Starts a process with <c>posix_spawn</c> in a new session (so its pgid and sid equal its pid and the whole tree can
/// be signalled), with default signal dispositions and an empty mask (.NET ignores SIGPIPE; a child must not inherit
/// that), stdin from /dev/null and stdout/stderr appended to files. Exec errors come back as errno values, not as a
/// child that exits 127.
/// </summary>
internal static unsafe class PosixSpawn
{
    public static int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string workingDirectory, string stdoutPath, string stderrPath)
    {
        var actions = NativeMemory.AllocZeroed(Libc.SpawnFileActionsSize);
        var attributes = NativeMemory.AllocZeroed(Libc.SpawnAttrSize);
        var emptySet = NativeMemory.AllocZeroed(Libc.SigSetSize);
        var fullSet = NativeMemory.AllocZeroed(Libc.SigSetSize);
        var argvNative = ToNative(argv);
        var envNative = ToNative(environment);
        try
        {
            Check(Libc.FileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(Libc.SpawnAttrInit(attributes), "posix_spawnattr_init");
            Check(Libc.FileActionsAddOpen(actions, 0, "/dev/null", Libc.O_RDONLY, 0), "addopen stdin");
            Check(Libc.FileActionsAddOpen(actions, 1, stdoutPath, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND, 0b110_100_100), "addopen stdout");
            Check(Libc.FileActionsAddOpen(actions, 2, stderrPath, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND, 0b110_100_100), "addopen stderr");
            Check(Libc.FileActionsAddChdir(actions, workingDirectory), "addchdir");
            Libc.SigEmptySet(emptySet);
            Libc.SigFillSet(fullSet);
            Check(Libc.SpawnAttrSetSigMask(attributes, emptySet), "setsigmask");
            Check(Libc.SpawnAttrSetSigDefault(attributes, fullSet), "setsigdefault");
            Check(
                Libc.SpawnAttrSetFlags(attributes, (short)(Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK)),
                "setflags");

            var rc = Libc.PosixSpawn(out var pid, path, actions, attributes, (nint*)argvNative, (nint*)envNative);
            if (rc != 0)
            {
                throw new PosixSpawnException(rc, $"Failed to execute '{path}': {Libc.ErrorText(rc)}");
            }

            return pid;
        }
        finally
        {
            Libc.FileActionsDestroy(actions);
            Libc.SpawnAttrDestroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(emptySet);
            NativeMemory.Free(fullSet);
            FreeNative(argvNative, argv.Count);
            FreeNative(envNative, environment.Count);
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new PosixSpawnException(rc, $"{what} failed: {Libc.ErrorText(rc)}");
        }
    }

    private static nint* ToNative(IReadOnlyList<string> values)
    {
        var array = (nint*)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < values.Count; i++)
        {
            array[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
        }

        return array;
    }

    private static void FreeNative(nint* array, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Marshal.FreeCoTaskMem(array[i]);
        }

        NativeMemory.Free(array);
    }
}
