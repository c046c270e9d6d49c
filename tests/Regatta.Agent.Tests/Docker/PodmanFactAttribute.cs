using System.Diagnostics;
using Regatta.Agent.Containerizers.Docker;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Tests.Docker;

/// <summary>
/// A fact that needs a real Docker Engine API: podman's compatible service, found through REGATTA_DOCKER_SOCKET (set by
/// test.sh) or started once by tests/setup/podman.sh (root). Skipped with the reason only when podman cannot be
/// installed or started (xunit 2 cannot skip from inside a test).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PodmanFactAttribute : FactAttribute
{
    /// <summary>The image tests/setup/podman.sh builds from busybox-static.</summary>
    public const string Image = "regatta-busybox:latest";

    private static readonly Lazy<(string? Socket, string? Problem)> Engine = new(Find);

    public PodmanFactAttribute()
    {
        if (Engine.Value.Problem is { } problem)
        {
            Skip = "podman's Docker API unavailable: " + problem;
        }
    }

    public static string Socket => Engine.Value.Socket ?? throw new InvalidOperationException(Engine.Value.Problem);

    private static (string?, string?) Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "not Linux");
        }

        var given = Environment.GetEnvironmentVariable("REGATTA_DOCKER_SOCKET");
        if (!string.IsNullOrEmpty(given))
        {
            return Ping(given) ? (given, null) : (null, $"REGATTA_DOCKER_SOCKET={given} does not answer /_ping");
        }

        if (Libc.GetEuid() != 0)
        {
            return (null, "not running as root (tests/setup/podman.sh needs root)");
        }

        var script = FindScript();
        if (script is null)
        {
            return (null, "tests/setup/podman.sh not found above " + AppContext.BaseDirectory);
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (null, "tests/setup/podman.sh did not finish within 10 minutes");
        }

        if (process.ExitCode != 0)
        {
            return (null, $"tests/setup/podman.sh failed: {stderr.GetAwaiter().GetResult().Trim()}");
        }

        var socket = stdout.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return socket is not null && Ping(socket) ? (socket, null) : (null, $"podman service at '{socket}' does not answer /_ping");
    }

    private static bool Ping(string socket)
    {
        using var client = new DockerEngineClient(socket, TimeSpan.FromSeconds(10));
        try
        {
            client.PingAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (DockerEngineException)
        {
            return false;
        }
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "setup", "podman.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
