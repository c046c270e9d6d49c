using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>Builds the agent's containerizer from <c>--containerizers</c>: with <c>docker</c> named, a composing
/// containerizer routes DOCKER tasks to a <see cref="DockerContainerizer"/> on <c>--docker_socket</c>. The socket is not
/// contacted here: an engine that is down fails only the DOCKER tasks launched while it is down.</summary>
internal static class DockerSetup
{
    public static IContainerizer Compose(AgentOptions? options, IContainerizer mesos, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options is null || !options.DockerEnabled)
        {
            return mesos;
        }

        var docker = new DockerContainerizer(new DockerEngineClient(options.DockerSocket), loggerFactory.CreateLogger<DockerContainerizer>(), time);
        return new ComposingContainerizer(mesos, docker);
    }
}
