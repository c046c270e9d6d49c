namespace Regatta.Services.Model;

/// <summary>
/// Checks and migrates the Marathon 1.4 input forms into the 1.5+ model, as Marathon 1.5+ does on input:
/// <c>uris</c> → <c>fetch</c>; <c>ports</c> → <c>portDefinitions</c>; <c>container.docker.network</c> and
/// <c>ipAddress</c> → <c>networks</c> (HOST → host, BRIDGE → container/bridge, USER → container);
/// <c>container.docker.portMappings</c> and <c>ipAddress.discovery.ports</c> → <c>container.portMappings</c>.
/// Mixing a legacy field with its modern counterpart is refused with Marathon's messages.
/// </summary>
internal static class LegacyMigration
{
    /// <summary>The canonical spec (no legacy fields left), or null with the reasons in <paramref name="errors"/>.</summary>
    public static AppSpec? Migrate(AppSpec spec, AppParseOptions options, ErrorCollector errors)
    {
        var problems = new ErrorCollector();
        Check(spec, problems);
        if (problems.IsEmpty)
        {
            var networks = MigrateNetworks(spec, options, problems);
            var container = MigrateContainer(spec, problems);
            if (problems.IsEmpty)
            {
                return Migrated(spec, networks, container);
            }
        }

        errors.AddAll(problems);
        return null;
    }

    private static AppSpec Migrated(AppSpec spec, ValueArray<Network>? networks, ContainerSpec? container) =>
        spec with
        {
            Fetch = spec.Uris is { IsEmpty: false } uris && (spec.Fetch ?? []).IsEmpty
                ? new ValueArray<FetchUri>(uris.Select(u => new FetchUri(u) { Extract = FetchUri.IsArchive(u) }))
                : spec.Fetch,
            Networks = networks,
            Container = container,
            PortDefinitions = spec.PortDefinitions ?? (spec.Ports is { } ports ? new ValueArray<PortDefinition>(ports.Select(p => new PortDefinition { Port = p })) : null),
            Ports = null,
            Uris = null,
            IpAddress = null,
        };

    private static void Check(AppSpec spec, ErrorCollector errors)
    {
        var container = spec.Container;
        if (container is { Type: ContainerType.Mesos, Docker: not null })
        {
            // The Mesos containerizer runs Docker images, but knows nothing of Docker's networking or options.
            if (container.LegacyDockerNetwork is not null)
            {
                errors.Add("/container/docker/network", "must be empty");
            }

            if (!container.Docker.Parameters.IsEmpty)
            {
                errors.Add("/container/docker/parameters", "must be empty");
            }

            if (container.LegacyDockerPortMappings is { IsEmpty: false })
            {
                errors.Add("/container/docker/portMappings", "must be empty");
            }
        }

        if (container?.LegacyDockerPortMappings is { } dockerMappings && HasDuplicateNames(dockerMappings.Select(m => m.Name)))
        {
            errors.Add("/container/docker/portMappings", "Port names must be unique.");
        }

        if (spec.IpAddress is { DiscoveryPorts.IsEmpty: false } && container is { Type: ContainerType.Docker })
        {
            errors.Add("/ipAddress", "ipAddress/discovery is not allowed for Docker containers");
        }

        if (spec.Uris is { } uris)
        {
            for (var i = 0; i < uris.Count; i++)
            {
                if (!UriSyntax.IsValid(uris[i]))
                {
                    errors.Add($"/uris({i})", UriSyntax.InvalidMessage);
                }
            }

            if (!uris.IsEmpty && spec.Fetch is { IsEmpty: false })
            {
                errors.Add("/uris", "may not be set in conjunction with fetch");
            }
        }

        var hasNetworks = spec.Networks is { IsEmpty: false };
        if (container?.LegacyDockerNetwork is not null && hasNetworks)
        {
            errors.Add("/", "must not specify both container.docker.network and networks");
        }

        if (spec.IpAddress is not null && hasNetworks)
        {
            errors.Add("/", "must not specify both networks and ipAddress");
        }

        var fixedPorts = (spec.Ports ?? []).Where(p => p != 0).ToList();
        if (fixedPorts.Distinct().Count() != fixedPorts.Count)
        {
            errors.Add("/", "ports must be unique");
        }

        if (spec.IpAddress is not null && (spec.Ports is { IsEmpty: false } || spec.PortDefinitions is { IsEmpty: false }))
        {
            errors.Add("/", "cannot specify both an IP address and port");
        }

        if (spec.Ports is { } legacyPorts && spec.PortDefinitions is { } definitions &&
            !definitions.Select(d => d.Port).SequenceEqual(legacyPorts))
        {
            errors.Add("/", "cannot specify both ports and port definitions");
        }
    }

    private static ValueArray<Network>? MigrateNetworks(AppSpec spec, AppParseOptions options, ErrorCollector errors)
    {
        var ip = spec.IpAddress;
        var dockerNetwork = spec.Container?.LegacyDockerNetwork;
        if (ip is null && dockerNetwork is null)
        {
            return spec.Networks;
        }

        switch (dockerNetwork)
        {
            case "HOST":
                return [AppDefaults.HostNetwork];
            case "BRIDGE":
                return [new Network(NetworkMode.ContainerBridge) { Labels = ip?.Labels ?? ValueMap.Empty }];
            case "USER":
                return [new Network(NetworkMode.Container, ip?.NetworkName) { Labels = ip?.Labels ?? ValueMap.Empty }];
            case not null:
                errors.Add("/container/docker/network", $"unsupported docker network type {dockerNetwork}");
                return null;
        }

        // ipAddress alone: a per-task IP on the named network; the Mesos bridge's name means the bridge.
        return ip!.NetworkName == options.MesosBridgeName
            ? [new Network(NetworkMode.ContainerBridge) { Labels = ip.Labels }]
            : [new Network(NetworkMode.Container, ip.NetworkName) { Labels = ip.Labels }];
    }

    private static ContainerSpec? MigrateContainer(AppSpec spec, ErrorCollector errors)
    {
        // An ipAddress without a container asked for an IP per task, which implies a Mesos container.
        var container = spec.Container ?? (spec.IpAddress is not null ? new ContainerSpec { Type = ContainerType.Mesos } : null);
        if (container is null)
        {
            return null;
        }

        var mappings = container.PortMappings;
        if (container.LegacyDockerPortMappings is { } dockerMappings)
        {
            if (mappings is not null && !dockerMappings.IsEmpty)
            {
                errors.Add("/container/portMappings", "cannot specify both portMappings and docker.portMappings");
            }

            mappings ??= dockerMappings;
        }

        if (spec.IpAddress is { DiscoveryPorts: { IsEmpty: false } discovery } && container.Type == ContainerType.Mesos)
        {
            if (mappings is not null)
            {
                errors.Add("/ipAddress/discovery/ports", "container.portMappings and ipAddress.discovery.ports must not both be set");
            }

            mappings = discovery;
        }

        return container with { PortMappings = mappings, LegacyDockerNetwork = null, LegacyDockerPortMappings = null };
    }

    public static bool HasDuplicateNames(IEnumerable<string?> names)
    {
        var named = names.OfType<string>().ToList();
        return named.Distinct(StringComparer.Ordinal).Count() != named.Count;
    }
}
