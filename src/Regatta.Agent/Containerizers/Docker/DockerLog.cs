using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>Docker containerizer log messages; event ids 3800-3849.</summary>
internal static partial class DockerLog
{
    [LoggerMessage(3800, LogLevel.Information, "Pulling image {Image} for container {ContainerId}")]
    public static partial void PullingImage(this ILogger logger, string image, string containerId);

    [LoggerMessage(3801, LogLevel.Information, "Started docker container {Name} ({DockerId}, pid {Pid}) from image {Image}")]
    public static partial void DockerStarted(this ILogger logger, string name, string dockerId, int pid, string image);

    [LoggerMessage(3802, LogLevel.Information, "Docker container {Name} ended: {Outcome}")]
    public static partial void DockerExited(this ILogger logger, string name, string outcome);

    [LoggerMessage(3803, LogLevel.Information, "Stopping docker container {Name} (grace {Grace})")]
    public static partial void DockerStopping(this ILogger logger, string name, TimeSpan grace);

    [LoggerMessage(3804, LogLevel.Warning, "Docker Engine call for container {Name} failed: {Message}")]
    public static partial void DockerCallFailed(this ILogger logger, string name, string message);

    [LoggerMessage(3805, LogLevel.Warning, "Streaming the logs of docker container {Name} failed: {Message}")]
    public static partial void LogStreamFailed(this ILogger logger, string name, string message);

    [LoggerMessage(3806, LogLevel.Information, "Recovered docker container {Name} ({DockerId}, running {Running})")]
    public static partial void DockerRecovered(this ILogger logger, string name, string dockerId, bool running);

    [LoggerMessage(3807, LogLevel.Information, "Removing docker container {Name} that belongs to no known task")]
    public static partial void RemovingOrphan(this ILogger logger, string name);
}
