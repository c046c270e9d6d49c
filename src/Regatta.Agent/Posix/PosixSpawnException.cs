namespace Regatta.Agent.Posix;

/// <summary>posix_spawn (or its setup) failed with <see cref="Errno"/>.</summary>
internal sealed class PosixSpawnException : Exception
{
    public PosixSpawnException(int errno, string message)
        : base(message) => Errno = errno;

    public PosixSpawnException()
    {
    }

    public PosixSpawnException(string message)
        : base(message)
    {
    }

    public PosixSpawnException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int Errno { get; }
}
