namespace Regatta.Services.Model;

/// <summary>
/// One Marathon app as Regatta stores and serves it: normalized (legacy 1.4 fields migrated, defaults filled in)
/// and immutable. Equality is by value, so two definitions can be compared directly; <see cref="AppVersioning"/>
/// tells a scale from a config change. Made from JSON by <see cref="AppJson"/>, written back by
/// <see cref="AppJsonWriter"/>.
/// </summary>
internal sealed record AppDefinition
{
    public required PathId Id { get; init; }

    /// <summary>Shell command (<c>/bin/sh -c</c>); exclusive with <see cref="Args"/>.</summary>
    public string? Cmd { get; init; }

    public ValueArray<string> Args { get; init; }

    public string? User { get; init; }

    /// <summary>Environment variables; plain strings only (secret references are rejected on input).</summary>
    public ValueMap Env { get; init; }

    public double Cpus { get; init; } = AppDefaults.Cpus;

    public double Mem { get; init; } = AppDefaults.Mem;

    public double Disk { get; init; } = AppDefaults.Disk;

    public int Gpus { get; init; } = AppDefaults.Gpus;

    public int Instances { get; init; } = AppDefaults.Instances;

    /// <summary><c>""</c> means the scheduler's default executor.</summary>
    public string Executor { get; init; } = AppDefaults.Executor;

    /// <summary>Raw <c>[field, OPERATOR, value?]</c> lists, operator upper-cased; parsed by Placement.</summary>
    public ValueArray<ValueArray<string>> Constraints { get; init; }

    public AppContainer? Container { get; init; }

    /// <summary>Ports under host networking; empty under bridge/container networking.</summary>
    public ValueArray<PortDefinition> PortDefinitions { get; init; } = [AppDefaults.PortDefinition];

    public bool RequirePorts { get; init; }

    public ValueArray<Network> Networks { get; init; } = [AppDefaults.HostNetwork];

    public ValueMap Labels { get; init; }

    public ValueArray<HealthCheck> HealthChecks { get; init; }

    public ValueArray<ReadinessCheck> ReadinessChecks { get; init; }

    /// <summary>Absolute ids of apps or groups to deploy before this one.</summary>
    public ValueArray<PathId> Dependencies { get; init; }

    public UpgradeStrategy UpgradeStrategy { get; init; } = UpgradeStrategy.Default;

    public int BackoffSeconds { get; init; } = AppDefaults.BackoffSeconds;

    public double BackoffFactor { get; init; } = AppDefaults.BackoffFactor;

    public int MaxLaunchDelaySeconds { get; init; } = AppDefaults.MaxLaunchDelaySeconds;

    public KillSelection KillSelection { get; init; } = KillSelection.YoungestFirst;

    public UnreachableStrategy UnreachableStrategy { get; init; } = UnreachableStrategy.Default;

    public int? TaskKillGracePeriodSeconds { get; init; }

    /// <summary>Offer roles this app accepts; null means the scheduler's default.</summary>
    public ValueArray<string>? AcceptedResourceRoles { get; init; }

    public ValueArray<FetchUri> Fetch { get; init; }

    public string Role { get; init; } = AppDefaults.Role;

    /// <summary>Regatta extension: seconds a deployment of this app may stall before it fails; 0 means never.</summary>
    public int DeploymentTimeoutSeconds { get; init; } = AppDefaults.DeploymentTimeoutSeconds;

    /// <summary>Set by the server when the definition is stored; null before.</summary>
    public DateTimeOffset? Version { get; init; }

    public VersionInfo? VersionInfo { get; init; }

    /// <summary>True unless the app runs on the host network.</summary>
    public bool HasContainerNetworking => Networks.Any(n => n.Mode != NetworkMode.Host);

    /// <summary>The ports health checks index into: port mappings under container networking, else port definitions.</summary>
    public int PortCount => HasContainerNetworking ? Container?.PortMappings.Count ?? 0 : PortDefinitions.Count;
}
