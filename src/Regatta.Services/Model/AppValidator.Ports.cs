namespace Regatta.Services.Model;

/// <summary>Ports, port mappings, networks and the container.</summary>
internal static partial class AppValidator
{
    public const string DockerSingleContainerNetwork = "may only specify a single container network when using the Docker container engine";
    public const string NetworkNameRequired = "Network name must be specified when container network is selected.";
    public const string NetworkNamesForHostPort =
        "networkNames must be a single item list when hostPort is specified and more than 1 container network is defined";

    private static void ValidatePortDefinitions(AppDefinition app, ErrorCollector errors)
    {
        if (LegacyMigration.HasDuplicateNames(app.PortDefinitions.Select(p => p.Name)))
        {
            errors.Add("/portDefinitions", "Port names must be unique.");
        }

        // Port 0 asks for a dynamic port and may repeat; fixed ports may not.
        var fixedPorts = app.PortDefinitions.Select(p => p.Port).Where(p => p != 0).ToList();
        if (fixedPorts.Distinct().Count() != fixedPorts.Count)
        {
            errors.Add("/portDefinitions", "Ports must be unique.");
        }
    }

    private static void ValidateContainer(AppDefinition app, ErrorCollector errors)
    {
        if (app.Container is not { } container)
        {
            return;
        }

        if (container is { Type: ContainerType.Docker, Docker: null })
        {
            errors.Add("/container/docker", "must not be empty");
        }

        var mappings = container.PortMappings;
        if (LegacyMigration.HasDuplicateNames(mappings.Select(m => m.Name)))
        {
            errors.Add("/container/portMappings", "Port names must be unique.");
        }

        var networkNames = app.Networks.Select(n => n.Name).OfType<string>().ToList();
        var containerNetworks = app.Networks.Count(n => n.Mode == NetworkMode.Container);
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            if (containerNetworks > 1 && mapping.HostPort is not null && mapping.NetworkNames.Count != 1)
            {
                errors.Add($"/container/portMappings({i})", NetworkNamesForHostPort);
            }

            for (var j = 0; j < mapping.NetworkNames.Count; j++)
            {
                if (!networkNames.Contains(mapping.NetworkNames[j]))
                {
                    errors.Add($"/container/portMappings({i})/networkNames({j})", $"got {mapping.NetworkNames[j]}, expected one of: [{string.Join(", ", networkNames)}]");
                }
            }
        }

        if (container.Type == ContainerType.Docker && containerNetworks > 1)
        {
            errors.Add("/", DockerSingleContainerNetwork);
        }
    }

    private static void ValidateNetworks(AppDefinition app, ErrorCollector errors)
    {
        var networks = app.Networks;
        if (networks.Any(n => n.Mode == NetworkMode.Host && (n.Name is not null || !n.Labels.IsEmpty)))
        {
            errors.Add("/networks", "Host networks may not have names or labels");
        }

        if (networks.Any(n => n.Mode == NetworkMode.ContainerBridge && n.Name is not null))
        {
            errors.Add("/networks", "Bridge networks may not have names");
        }

        var unnamedContainer = networks.Count(n => n.Mode == NetworkMode.Container && n.Name is null);
        if (unnamedContainer > 1 || LegacyMigration.HasDuplicateNames(networks.Select(n => n.Name)))
        {
            errors.Add("/networks", "Duplicate networks are not allowed");
        }

        var host = networks.Count(n => n.Mode == NetworkMode.Host);
        var bridge = networks.Count(n => n.Mode == NetworkMode.ContainerBridge);
        var container = networks.Count(n => n.Mode == NetworkMode.Container);
        var valid = (host <= 1 && bridge == 0 && container == 0) || (host == 0 && bridge <= 1 && container == 0) || (host == 0 && bridge == 0 && container > 0);
        if (!valid)
        {
            errors.Add("/networks", "May specify a single host network, single bridge network, or else 1-to-n container networks");
        }

        if (unnamedContainer > 0)
        {
            errors.Add("/networks", NetworkNameRequired);
        }
    }
}
