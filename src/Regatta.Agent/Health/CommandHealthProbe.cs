using System.Diagnostics;
using System.Globalization;
using Regatta.Agent.Posix;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Health;

/// <summary>
/// COMMAND check: runs the check's command in the task's sandbox with the task's environment (the check's own
/// variables win); healthy when it exits with 0. On timeout the whole process tree is killed.
/// </summary>
internal sealed class CommandHealthProbe(
    V1.CommandInfo command, string sandbox, IReadOnlyDictionary<string, string> environment, UserAccount? runAs = null) : IHealthProbe
{
    private static readonly string[] SetprivCandidates = ["/usr/bin/setpriv", "/bin/setpriv"];

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = sandbox,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!command.HasShell || command.Shell)
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command.Value);
        }
        else
        {
            start.FileName = command.Value;
            foreach (var argument in command.Arguments.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (runAs is not null)
        {
            // Same switch as the task itself gets: util-linux setpriv in front of the command.
            var setpriv = SetprivCandidates.FirstOrDefault(File.Exists);
            if (setpriv is null)
            {
                return $"cannot run the health check command as user '{runAs.Name}': setpriv (util-linux) is not installed";
            }

            string[] prefix = [$"--reuid={runAs.Uid}", $"--regid={runAs.Gid}", "--init-groups", "--", start.FileName];
            for (var i = prefix.Length - 1; i >= 0; i--)
            {
                start.ArgumentList.Insert(0, prefix[i]);
            }

            start.FileName = setpriv;
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var variable in command.Environment?.Variables ?? [])
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"Failed to run health check command '{command.Value}': {e.Message}";
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode == 0
            ? null
            : $"Command '{command.Value}' exited with status {process.ExitCode.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
