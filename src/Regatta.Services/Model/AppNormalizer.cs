namespace Regatta.Services.Model;

/// <summary>
/// Turns a canonical <see cref="AppSpec"/> (legacy fields already migrated) into an <see cref="AppDefinition"/>:
/// resolves ids, fills Marathon's defaults and makes the port configuration fit the networking mode the way
/// Marathon 1.5+ does (port definitions only under host networking, port mappings only under the others, each with
/// its one-port default when not given). Idempotent: normalizing a written definition changes nothing.
/// </summary>
internal static class AppNormalizer
{
    public static AppDefinition Normalize(AppSpec spec, AppParseOptions options)
    {
        var id = PathId.Parse(spec.Id ?? "").Resolve(options.BasePath);
        var networks = NormalizeNetworks(spec.Networks, options);
        var hostMode = networks.All(n => n.Mode == NetworkMode.Host);
        var portDefinitions = hostMode ? spec.PortDefinitions ?? [AppDefaults.PortDefinition] : [];
        var container = NormalizeContainer(spec, networks, hostMode);
        var portCount = hostMode ? portDefinitions.Count : container?.PortMappings.Count ?? 0;

        return new AppDefinition
        {
            Id = id,
            Cmd = spec.Cmd,
            Args = spec.Args ?? [],
            User = spec.User,
            Env = spec.Env ?? ValueMap.Empty,
            Cpus = spec.Cpus ?? AppDefaults.Cpus,
            Mem = spec.Mem ?? AppDefaults.Mem,
            Disk = spec.Disk ?? AppDefaults.Disk,
            Gpus = spec.Gpus ?? AppDefaults.Gpus,
            Instances = spec.Instances ?? AppDefaults.Instances,
            Executor = spec.Executor ?? AppDefaults.Executor,
            Constraints = new ValueArray<ValueArray<string>>((spec.Constraints ?? []).Select(NormalizeConstraint)),
            Container = container,
            PortDefinitions = portDefinitions,
            RequirePorts = hostMode && (spec.RequirePorts ?? false),
            Networks = networks,
            Labels = spec.Labels ?? ValueMap.Empty,
            HealthChecks = new ValueArray<HealthCheck>((spec.HealthChecks ?? []).Select(c => NormalizeHealthCheck(c, portCount))),
            ReadinessChecks = spec.ReadinessChecks ?? [],
            Dependencies = new ValueArray<PathId>((spec.Dependencies ?? []).Select(d => PathId.Parse(d).Resolve(id.Parent))),
            UpgradeStrategy = spec.UpgradeStrategy ?? UpgradeStrategy.Default,
            BackoffSeconds = spec.BackoffSeconds ?? AppDefaults.BackoffSeconds,
            BackoffFactor = spec.BackoffFactor ?? AppDefaults.BackoffFactor,
            MaxLaunchDelaySeconds = spec.MaxLaunchDelaySeconds ?? AppDefaults.MaxLaunchDelaySeconds,
            KillSelection = spec.KillSelection ?? KillSelection.YoungestFirst,
            UnreachableStrategy = spec.UnreachableStrategy ?? UnreachableStrategy.Default,
            TaskKillGracePeriodSeconds = spec.TaskKillGracePeriodSeconds,
            AcceptedResourceRoles = spec.AcceptedResourceRoles,
            Fetch = spec.Fetch ?? [],
            Role = spec.Role ?? options.DefaultRole,
            DeploymentTimeoutSeconds = spec.DeploymentTimeoutSeconds ?? AppDefaults.DeploymentTimeoutSeconds,
            Version = spec.Version,
            VersionInfo = spec.VersionInfo,
        };
    }

    private static ValueArray<Network> NormalizeNetworks(ValueArray<Network>? networks, AppParseOptions options)
    {
        if (networks is not { IsEmpty: false } given)
        {
            return [AppDefaults.HostNetwork];
        }

        return new ValueArray<Network>(given.Select(n =>
            n.Mode == NetworkMode.Container && n.Name is null && options.DefaultNetworkName is { } name ? n with { Name = name } : n));
    }

    private static AppContainer? NormalizeContainer(AppSpec spec, ValueArray<Network> networks, bool hostMode)
    {
        // Container networking without a container gets an empty Mesos one to carry the port mappings.
        var container = spec.Container ?? (hostMode ? null : new ContainerSpec { Type = ContainerType.Mesos });
        if (container is null)
        {
            return null;
        }

        ValueArray<PortMapping> mappings = [];
        if (!hostMode)
        {
            mappings = container.PortMappings ?? [AppDefaults.PortMapping];

            // Apps written for 1.4 list their ports in portDefinitions too; each one beyond the mappings adds a mapping.
            var extra = (spec.PortDefinitions?.Count ?? 0) - mappings.Count;
            for (var i = 0; i < extra; i++)
            {
                mappings = mappings.Add(new PortMapping());
            }

            if (networks.Any(n => n.Mode == NetworkMode.ContainerBridge))
            {
                // Under the bridge a mapping always has a host port; an omitted one is dynamic.
                mappings = new ValueArray<PortMapping>(mappings.Select(m => m.HostPort is null ? m with { HostPort = 0 } : m));
            }
        }

        return new AppContainer
        {
            Type = container.Type,
            Docker = container.Docker,
            Volumes = container.Volumes,
            PortMappings = mappings,
        };
    }

    private static ValueArray<string> NormalizeConstraint(ValueArray<string> constraint) =>
        constraint.Count >= 2 ? new ValueArray<string>(constraint.Select((part, i) => i == 1 ? part.ToUpperInvariant() : part)) : constraint;

    private static HealthCheck NormalizeHealthCheck(HealthCheck check, int portCount)
    {
        switch (check.Protocol)
        {
            case HealthCheckProtocol.Command:
                // COMMAND checks run a command; port fields were accepted but meaningless in Marathon too.
                return check with { Path = null, Port = null, PortIndex = null, IgnoreHttp1xx = false };
            case HealthCheckProtocol.Tcp or HealthCheckProtocol.MesosTcp:
                check = check with { Path = null, IgnoreHttp1xx = false };
                break;
            case HealthCheckProtocol.MesosHttp or HealthCheckProtocol.MesosHttps:
                check = check with { IgnoreHttp1xx = false };
                break;
        }

        // Before `port` existed, portIndex was required with default 0; keep that when the app has ports.
        return check.Port is null && check.PortIndex is null && portCount > 0 ? check with { PortIndex = 0 } : check;
    }
}
