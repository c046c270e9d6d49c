namespace Regatta.Agent.Isolation;

/// <summary>A containerizer that can report the resource usage of its running containers (for /monitor/statistics).</summary>
internal interface IContainerStatistics
{
    /// <summary>Usage of a running container; null when the container is unknown or already gone.</summary>
    ContainerStatistics? Usage(string containerId);

    /// <summary>Containers whose cgroups could not be removed (Mesos's containerizer/mesos/container_destroy_errors).</summary>
    long ContainerDestroyErrors { get; }
}
