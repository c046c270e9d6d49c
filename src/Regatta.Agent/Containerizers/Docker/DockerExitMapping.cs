using Regatta.Agent.Isolation;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>How a stopped container's end becomes the task's: exit 0 finishes it, any other status fails it with
/// "Container exited with status N", and an OOM kill fails it with REASON_CONTAINER_LIMITATION_MEMORY.</summary>
internal static class DockerExitMapping
{
    public static ContainerExit ToExit(int statusCode, DockerContainerState? state, long? memoryBytes)
    {
        if (state?.OomKilled == true)
        {
            var limit = memoryBytes is { } bytes ? $" of {DockerRunSpecBuilder.Describe(bytes)}" : "";
            var message = $"Memory limit exceeded: the container was killed for going over its memory limit{limit} (exit status {statusCode})";
            return ContainerExit.Exited(statusCode) with
            {
                Message = message,
                Limitation = new ContainerLimitation(Reason.ContainerLimitationMemory, message),
            };
        }

        return ContainerExit.Exited(statusCode) with { Message = $"Container exited with status {statusCode}" };
    }
}
