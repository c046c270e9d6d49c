namespace Regatta.Agent.Posix;

/// <summary>Decodes a <c>wait(2)</c> status word (the glibc macros WIFEXITED, WEXITSTATUS, WTERMSIG, WCOREDUMP).</summary>
internal static class WaitStatus
{
    public static bool Exited(int status) => (status & 0x7f) == 0;

    public static int ExitCode(int status) => (status >> 8) & 0xff;

    public static bool Signaled(int status) => (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;

    public static int TermSignal(int status) => status & 0x7f;

    public static bool CoreDumped(int status) => (status & 0x80) != 0;
}
