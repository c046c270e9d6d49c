using Regatta.Agent.Posix;

namespace Regatta.Agent.Containerizers;

/// <summary>How a container's main process ended: an exit code, a signal, or an error that hid the outcome.</summary>
internal sealed record ContainerExit(int? ExitCode, int? Signal, string? Error = null, bool CoreDumped = false)
{
    public static ContainerExit Exited(int code) => new(code, null);

    public static ContainerExit Killed(int signal, bool coreDumped = false) => new(null, signal, null, coreDumped);

    public static ContainerExit Failed(string error) => new(null, null, error);

    public bool Succeeded => ExitCode == 0;

    /// <summary>Set when the container ran into a resource limit (e.g. out of memory): the task fails with its reason.</summary>
    public Isolation.ContainerLimitation? Limitation { get; init; }

    /// <summary>Replaces the command executor's wording (the docker containerizer says "Container exited with status N").</summary>
    public string? Message { get; init; }

    /// <summary>The task status message of Mesos's command executor ("Command " + WSTRINGIFY(status)).</summary>
    public string Describe() => Message ?? this switch
    {
        { ExitCode: { } code } => $"Command exited with status {code}",
        { Signal: { } signal } => $"Command terminated with signal {SignalNames.Describe(signal)}{(CoreDumped ? " (core dumped)" : "")}",
        _ => $"Command failed: {Error ?? "unknown exit status"}",
    };
}
