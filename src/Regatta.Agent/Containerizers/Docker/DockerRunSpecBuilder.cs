using System.Globalization;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// Turns a DOCKER task into a container create request, as Mesos's docker containerizer would build its
/// <c>docker run</c>: name <c>mesos-&lt;ContainerID&gt;</c>, the sandbox bind-mounted at <c>/mnt/mesos/sandbox</c>
/// (MESOS_SANDBOX), cpu shares 1024 × cpus (min 2), memory = mem (min 32 MB), network HOST unless told otherwise, port
/// mappings checked against the task's port resources, volumes, privileged, parameters, and the command. Pure; every
/// problem is a <see cref="ContainerLaunchException"/> naming the field.
/// </summary>
internal static class DockerRunSpecBuilder
{
    public const string NamePrefix = "mesos-";
    public const string SandboxMount = "/mnt/mesos/sandbox";
    public const string ContainerIdLabel = "org.regatta.container_id";
    public const string SandboxLabel = "org.regatta.sandbox";
    private const long MinMemoryBytes = 32L << 20;

    public static DockerRunSpec Build(string containerId, string sandbox, V1.TaskInfo task, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(environment);
        var docker = task.Container?.Docker;
        if (docker is null || !docker.HasImage || docker.Image.Length == 0)
        {
            throw new ContainerLaunchException("ContainerInfo.docker.image is required for a DOCKER container");
        }

        var request = new DockerCreateRequest { Image = docker.Image, Privileged = docker.Privileged };
        request.Labels[ContainerIdLabel] = containerId;
        request.Labels[SandboxLabel] = sandbox;
        foreach (var label in task.Labels?.Labels_ ?? [])
        {
            request.Labels[label.Key] = label.HasValue ? label.Value : "";
        }

        foreach (var (name, value) in environment)
        {
            request.Env.Add(name == "MESOS_SANDBOX" ? $"{name}={SandboxMount}" : $"{name}={value}");
        }

        if (!environment.ContainsKey("MESOS_SANDBOX"))
        {
            request.Env.Add($"MESOS_SANDBOX={SandboxMount}");
        }

        request.Binds.Add($"{sandbox}:{SandboxMount}:rw");
        ApplyNetwork(request, task, docker);
        ApplyVolumes(request, sandbox, task.Container!);
        ApplyResources(request, task);
        ApplyCommand(request, task.Command);
        if (task.Container!.HasHostname)
        {
            request.Hostname = task.Container.Hostname;
        }

        foreach (var parameter in docker.Parameters)
        {
            DockerParameters.Apply(request, parameter.Key, parameter.Value);
        }

        return new DockerRunSpec(NamePrefix + containerId, docker.Image, docker.ForcePullImage, request);
    }

    private static void ApplyNetwork(DockerCreateRequest request, V1.TaskInfo task, V1.ContainerInfo.Types.DockerInfo docker)
    {
        var network = docker.HasNetwork ? docker.Network : V1.ContainerInfo.Types.DockerInfo.Types.Network.Host;
        request.NetworkMode = network switch
        {
            V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge => "bridge",
            V1.ContainerInfo.Types.DockerInfo.Types.Network.None => "none",
            V1.ContainerInfo.Types.DockerInfo.Types.Network.User => task.Container.NetworkInfos.FirstOrDefault(n => n.HasName && n.Name.Length > 0)?.Name
                ?? throw new ContainerLaunchException("DockerInfo.network USER needs ContainerInfo.network_infos[0].name (the user network)"),
            _ => "host",
        };

        if (docker.PortMappings.Count == 0)
        {
            return;
        }

        if (network is not (V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge or V1.ContainerInfo.Types.DockerInfo.Types.Network.User))
        {
            throw new ContainerLaunchException($"DockerInfo.port_mappings need network BRIDGE or USER, not {network.ToString().ToUpperInvariant()}");
        }

        var offered = PortRanges(task);
        foreach (var mapping in docker.PortMappings)
        {
            var protocol = mapping.HasProtocol && mapping.Protocol.Length > 0 ? mapping.Protocol.ToLowerInvariant() : "tcp";
            if (protocol is not ("tcp" or "udp"))
            {
                throw new ContainerLaunchException($"DockerInfo.port_mappings: protocol '{mapping.Protocol}' is not tcp or udp");
            }

            if (!offered.Any(r => mapping.HostPort >= r.Begin && mapping.HostPort <= r.End))
            {
                var have = offered.Count == 0 ? "none" : string.Join(",", offered.Select(r => $"[{r.Begin}-{r.End}]"));
                throw new ContainerLaunchException(
                    $"DockerInfo.port_mappings: host_port {mapping.HostPort} is not in the task's 'ports' resources ({have})");
            }

            if (mapping.ContainerPort is 0 or > 65535)
            {
                throw new ContainerLaunchException($"DockerInfo.port_mappings: container_port {mapping.ContainerPort} is outside 1-65535");
            }

            request.Publish((int)mapping.ContainerPort, protocol, "", (int)mapping.HostPort);
        }
    }

    private static void ApplyVolumes(DockerCreateRequest request, string sandbox, V1.ContainerInfo container)
    {
        foreach (var volume in container.Volumes)
        {
            var host = volume.HasHostPath ? volume.HostPath
                : volume.Source?.HostPath?.Path ?? volume.Source?.DockerVolume?.Name;
            if (string.IsNullOrEmpty(host))
            {
                throw new ContainerLaunchException(
                    $"ContainerInfo.volumes: volume for '{volume.ContainerPath}' needs host_path (or a HOST_PATH/DOCKER_VOLUME source); image and other sources are not supported");
            }

            if (volume.Source?.DockerVolume is null && !Path.IsPathRooted(host))
            {
                host = Path.Combine(sandbox, host);
            }

            var target = volume.ContainerPath;
            if (string.IsNullOrEmpty(target) || target.Contains(':', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            {
                throw new ContainerLaunchException($"ContainerInfo.volumes: container_path '{target}' / host path '{host}' must be non-empty and contain no ':'");
            }

            if (!target.StartsWith('/'))
            {
                target = $"{SandboxMount}/{target}";
            }

            request.Binds.Add($"{host}:{target}:{(volume.Mode == V1.Volume.Types.Mode.Ro ? "ro" : "rw")}");
        }
    }

    private static void ApplyResources(DockerCreateRequest request, V1.TaskInfo task)
    {
        var cpus = task.Resources.Where(r => r.Name == "cpus" && r.Scalar is not null).Sum(r => r.Scalar.Value);
        var mem = task.Resources.Where(r => r.Name == "mem" && r.Scalar is not null).Sum(r => r.Scalar.Value);
        if (cpus > 0)
        {
            request.CpuShares = Math.Max(2, (long)(1024 * cpus));
        }

        if (mem > 0)
        {
            request.Memory = Math.Max(MinMemoryBytes, (long)(mem * 1024 * 1024));
        }
    }

    /// <summary>
    /// shell=true → <c>/bin/sh -c value</c> as Cmd, which the image's entrypoint (if any) receives as arguments, as in
    /// Mesos; shell=false → value then arguments; no value → the image's own CMD/entrypoint.
    /// </summary>
    private static void ApplyCommand(DockerCreateRequest request, V1.CommandInfo? command)
    {
        if (command is null)
        {
            return;
        }

        var hasValue = command.HasValue && command.Value.Length > 0;
        if (!command.HasShell || command.Shell)
        {
            if (hasValue)
            {
                request.Cmd = ["/bin/sh", "-c", command.Value];
            }

            return;
        }

        List<string> cmd = hasValue ? [command.Value, .. command.Arguments] : [.. command.Arguments];
        if (cmd.Count > 0)
        {
            request.Cmd = cmd;
        }
    }

    private static List<(ulong Begin, ulong End)> PortRanges(V1.TaskInfo task) =>
        [.. task.Resources.Where(r => r.Name == "ports" && r.Ranges is not null).SelectMany(r => r.Ranges.Range.Select(x => (x.Begin, x.End)))];

    internal static string Describe(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";
}
