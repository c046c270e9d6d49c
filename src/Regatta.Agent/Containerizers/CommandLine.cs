using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Containerizers;

/// <summary>
/// Turns a CommandInfo into the program to exec and its argv, as Mesos does: <c>shell=true</c> runs
/// <c>/bin/sh -c value</c> (arguments ignored); <c>shell=false</c> execs <c>value</c> found through PATH with
/// <c>arguments</c> as the whole argv (argv[0] included). Pure apart from the injected executable check.
/// </summary>
internal static class CommandLine
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static (string Program, IReadOnlyList<string> Argv) Resolve(
        V1.CommandInfo command, string workingDirectory, string? pathVariable, Func<string, bool> isExecutable)
    {
        if (!command.HasValue || command.Value.Length == 0)
        {
            throw new ContainerLaunchException("Task's CommandInfo has no 'value' (the command to run)");
        }

        if (!command.HasShell || command.Shell)
        {
            return ("/bin/sh", ["sh", "-c", command.Value]);
        }

        var program = Find(command.Value, workingDirectory, pathVariable ?? DefaultPath, isExecutable)
            ?? throw new ContainerLaunchException($"Failed to execute '{command.Value}': No such file or directory (or not executable)");
        IReadOnlyList<string> argv = command.Arguments.Count > 0 ? [.. command.Arguments] : [command.Value];
        return (program, argv);
    }

    private static string? Find(string value, string workingDirectory, string pathVariable, Func<string, bool> isExecutable)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            var candidate = Path.IsPathRooted(value) ? value : Path.Combine(workingDirectory, value);
            return isExecutable(candidate) ? candidate : null;
        }

        foreach (var dir in pathVariable.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? workingDirectory : dir, value);
            if (isExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
