using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// The <c>ContainerInfo</c> of an app task, or null for a plain command on the host network. DOCKER apps get a
/// <c>DockerInfo</c> (network, port mappings, switches, parameters); MESOS apps a <c>MesosInfo</c>, with a Docker
/// image when one is given, and one <c>NetworkInfo</c> per non-host network.
/// </summary>
internal static class TaskContainerBuilder
{
    /// <summary>The Docker label Marathon puts on every container it starts, so <c>docker ps</c> finds the task.</summary>
    public const string TaskIdLabel = "MESOS_TASK_ID";

    public static V1.ContainerInfo? Build(AppDefinition app, string taskId, IReadOnlyList<TaskPort> ports, TaskBuildOptions options)
    {
        var container = app.Container;
        if (container is null && !app.HasContainerNetworking)
        {
            return null;
        }

        // Only mappings that got a host port are forwarded; container-only ports need no NAT rule.
        var bound = ports.Where(p => p.HostPort is not null && p.ContainerPort is not null).ToList();
        var info = new V1.ContainerInfo();
        if (container is { Type: ContainerType.Docker })
        {
            var docker = container.Docker
                ?? throw new ArgumentException($"app {app.Id} has a DOCKER container without an image", nameof(app));
            info.Type = V1.ContainerInfo.Types.Type.Docker;
            info.Docker = BuildDocker(app, docker, taskId, bound);

            // A Docker user network is named through the first container network's NetworkInfo.
            if (app.Networks.FirstOrDefault(n => n.Mode == NetworkMode.Container) is { Name: { } name })
            {
                info.NetworkInfos.Add(new V1.NetworkInfo { Name = name });
            }
        }
        else
        {
            info.Type = V1.ContainerInfo.Types.Type.Mesos;
            info.Mesos = new V1.ContainerInfo.Types.MesosInfo();
            if (container?.Docker is { } image)
            {
                info.Mesos.Image = new V1.Image
                {
                    Type = V1.Image.Types.Type.Docker,
                    Docker = new V1.Image.Types.Docker { Name = image.Image },
                    Cached = !image.ForcePullImage,
                };
            }

            AddMesosNetworks(app, info, bound, options);
        }

        foreach (var volume in container?.Volumes ?? [])
        {
            info.Volumes.Add(new V1.Volume
            {
                ContainerPath = volume.ContainerPath,
                HostPath = volume.HostPath,
                Mode = volume.Mode == VolumeMode.ReadOnly ? V1.Volume.Types.Mode.Ro : V1.Volume.Types.Mode.Rw,
            });
        }

        return info;
    }

    private static V1.ContainerInfo.Types.DockerInfo BuildDocker(AppDefinition app, DockerSpec docker, string taskId, List<TaskPort> bound)
    {
        var info = new V1.ContainerInfo.Types.DockerInfo
        {
            Image = docker.Image,
            Privileged = docker.Privileged,
            ForcePullImage = docker.ForcePullImage,
        };

        // Networks cannot be mixed (the validator says so); Marathon sets the mode even for HOST, the default.
        foreach (var network in app.Networks)
        {
            info.Network = network.Mode switch
            {
                NetworkMode.ContainerBridge => V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge,
                NetworkMode.Container => V1.ContainerInfo.Types.DockerInfo.Types.Network.User,
                _ => V1.ContainerInfo.Types.DockerInfo.Types.Network.Host,
            };
        }

        foreach (var port in bound)
        {
            foreach (var protocol in port.Protocols)
            {
                info.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping
                {
                    HostPort = (uint)port.HostPort!.Value,
                    ContainerPort = (uint)port.ContainerPort!.Value,
                    Protocol = protocol,
                });
            }
        }

        foreach (var parameter in docker.Parameters)
        {
            info.Parameters.Add(new V1.Parameter { Key = parameter.Key, Value = parameter.Value });
        }

        info.Parameters.Add(new V1.Parameter { Key = "label", Value = $"{TaskIdLabel}={taskId}" });
        return info;
    }

    private static void AddMesosNetworks(AppDefinition app, V1.ContainerInfo info, List<TaskPort> bound, TaskBuildOptions options)
    {
        foreach (var network in app.Networks.Where(n => n.Mode != NetworkMode.Host))
        {
            var name = network.Mode == NetworkMode.ContainerBridge ? options.MesosBridgeName : network.Name ?? "";
            var networkInfo = new V1.NetworkInfo { Name = name, Labels = TaskLabels.ToProto(network.Labels) };

            // One address request (an empty IPAddress asks the CNI plugin for an IPv4 address).
            networkInfo.IpAddresses.Add(new V1.NetworkInfo.Types.IPAddress());

            // A mapping with a host port belongs to its one named network, or to every network when it names none.
            foreach (var port in bound.Where(p => p.NetworkNames.IsEmpty || p.NetworkNames.All(n => n == name)))
            {
                foreach (var protocol in port.Protocols)
                {
                    networkInfo.PortMappings.Add(new V1.NetworkInfo.Types.PortMapping
                    {
                        HostPort = (uint)port.HostPort!.Value,
                        ContainerPort = (uint)port.ContainerPort!.Value,
                        Protocol = protocol,
                    });
                }
            }

            info.NetworkInfos.Add(networkInfo);
        }
    }
}
