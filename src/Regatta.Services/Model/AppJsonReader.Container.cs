using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary><c>container</c>: type, Docker image and switches, host volumes, port mappings (both placements).</summary>
internal sealed partial class AppJsonReader
{
    private static readonly string[] UnsupportedVolumeKinds = ["persistent", "external", "secret"];

    private ContainerSpec ReadContainer(JsonFields o)
    {
        string? legacyNetwork = null;
        ValueArray<PortMapping>? legacyMappings = null;
        DockerSpec? docker = null;
        if (o.Object("docker") is { } d)
        {
            legacyNetwork = ReadDockerNetwork(d);
            legacyMappings = d.Array("portMappings", ReadPortMapping);
            docker = ReadDocker(d);
        }

        return new ContainerSpec
        {
            Type = o.Enum("type", WireNames.ParseContainerType) ?? ContainerType.Docker,
            Docker = docker,
            Volumes = o.Array("volumes", ReadVolume) ?? [],
            PortMappings = o.Array("portMappings", ReadPortMapping),
            LegacyDockerNetwork = legacyNetwork,
            LegacyDockerPortMappings = legacyMappings,
        };
    }

    private static string? ReadDockerNetwork(JsonFields d)
    {
        if (d.Raw("network") is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is "BRIDGE" or "HOST" or "NONE" or "USER")
        {
            return value.GetString();
        }

        d.Errors.Add(d.PathOf("network"), "error.unknown.enum.literal");
        return null;
    }

    private DockerSpec? ReadDocker(JsonFields d)
    {
        if (d.Has("credential"))
        {
            // Marathon dropped docker.credential in 1.5 and refuses it since.
            RuleErrors.Add(d.PathOf("credential"), "must be empty");
        }

        if (d.Has("pullConfig"))
        {
            RuleErrors.Add(d.PathOf("pullConfig"), SecretsUnsupported);
        }

        var image = d.RequiredString("image", minLength: 1);
        var parameters = d.Array("parameters", ReadDockerParameter) ?? [];
        return image is null ? null : new DockerSpec
        {
            Image = image,
            Privileged = d.Bool("privileged") ?? false,
            ForcePullImage = d.Bool("forcePullImage") ?? false,
            Parameters = parameters,
        };
    }

    private DockerParameter? ReadDockerParameter(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        var key = o.RequiredString("key", minLength: 1);
        var value = o.RequiredString("value");
        return key is null || value is null ? null : new DockerParameter(key, value);
    }

    private HostVolume? ReadVolume(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        if (UnsupportedVolumeKinds.FirstOrDefault(o.Has) is { } kind)
        {
            RuleErrors.Add(path, $"{kind} volumes are not supported: only host volumes (containerPath, hostPath, mode)");
            return null;
        }

        var containerPath = o.RequiredString("containerPath", minLength: 1);
        var hostPath = o.RequiredString("hostPath", minLength: 1);
        VolumeMode? mode = null;
        if (o.Has("mode"))
        {
            mode = o.Enum("mode", WireNames.ParseVolumeMode);
        }
        else
        {
            o.Errors.Add(o.PathOf("mode"), "error.path.missing");
        }

        return containerPath is null || hostPath is null || mode is null ? null : new HostVolume(containerPath, hostPath, mode.Value);
    }
}
