namespace Regatta.Services.Model;

/// <summary>
/// What an app body said, field by field: null means "not given". Still holds the legacy 1.4 fields until
/// <see cref="LegacyMigration"/> folds them into their modern equivalents. A partial update is an
/// <see cref="AppSpec"/> laid over the existing app's (<see cref="Overlay"/>); <see cref="AppNormalizer"/> turns a
/// spec into an <see cref="AppDefinition"/>.
/// </summary>
internal sealed record AppSpec
{
    public string? Id { get; init; }
    public string? Cmd { get; init; }
    public ValueArray<string>? Args { get; init; }
    public string? User { get; init; }
    public ValueMap? Env { get; init; }
    public double? Cpus { get; init; }
    public double? Mem { get; init; }
    public double? Disk { get; init; }
    public int? Gpus { get; init; }
    public int? Instances { get; init; }
    public string? Executor { get; init; }
    public ValueArray<ValueArray<string>>? Constraints { get; init; }
    public ContainerSpec? Container { get; init; }
    public ValueArray<PortDefinition>? PortDefinitions { get; init; }
    public bool? RequirePorts { get; init; }
    public ValueArray<Network>? Networks { get; init; }
    public ValueMap? Labels { get; init; }
    public ValueArray<HealthCheck>? HealthChecks { get; init; }
    public ValueArray<ReadinessCheck>? ReadinessChecks { get; init; }
    public ValueArray<string>? Dependencies { get; init; }
    public UpgradeStrategy? UpgradeStrategy { get; init; }
    public int? BackoffSeconds { get; init; }
    public double? BackoffFactor { get; init; }
    public int? MaxLaunchDelaySeconds { get; init; }
    public KillSelection? KillSelection { get; init; }
    public UnreachableStrategy? UnreachableStrategy { get; init; }
    public int? TaskKillGracePeriodSeconds { get; init; }
    public ValueArray<string>? AcceptedResourceRoles { get; init; }
    public ValueArray<FetchUri>? Fetch { get; init; }
    public string? Role { get; init; }
    public int? DeploymentTimeoutSeconds { get; init; }
    public DateTimeOffset? Version { get; init; }
    public VersionInfo? VersionInfo { get; init; }

    /// <summary>Legacy <c>ports</c> (1.4): service ports, migrated to <see cref="PortDefinitions"/>.</summary>
    public ValueArray<int>? Ports { get; init; }

    /// <summary>Legacy <c>uris</c> (1.4), migrated to <see cref="Fetch"/>.</summary>
    public ValueArray<string>? Uris { get; init; }

    /// <summary>Legacy <c>ipAddress</c> (1.4), migrated to <see cref="Networks"/> and port mappings.</summary>
    public IpAddressSpec? IpAddress { get; init; }

    /// <summary>True when a field other than <c>id</c> and <c>version</c> was given (a rollback body has none).</summary>
    public bool HasFieldsBesidesIdAndVersion => this with { Id = null, Version = null } != new AppSpec();

    /// <summary>The fields given in <paramref name="update"/> replace those of this spec; nested objects are replaced whole.</summary>
    public AppSpec Overlay(AppSpec update) => new()
    {
        Id = update.Id ?? Id,
        Cmd = update.Cmd ?? Cmd,
        Args = update.Args ?? Args,
        User = update.User ?? User,
        Env = update.Env ?? Env,
        Cpus = update.Cpus ?? Cpus,
        Mem = update.Mem ?? Mem,
        Disk = update.Disk ?? Disk,
        Gpus = update.Gpus ?? Gpus,
        Instances = update.Instances ?? Instances,
        Executor = update.Executor ?? Executor,
        Constraints = update.Constraints ?? Constraints,
        Container = update.Container ?? Container,
        PortDefinitions = update.PortDefinitions ?? PortDefinitions,
        RequirePorts = update.RequirePorts ?? RequirePorts,
        Networks = update.Networks ?? Networks,
        Labels = update.Labels ?? Labels,
        HealthChecks = update.HealthChecks ?? HealthChecks,
        ReadinessChecks = update.ReadinessChecks ?? ReadinessChecks,
        Dependencies = update.Dependencies ?? Dependencies,
        UpgradeStrategy = update.UpgradeStrategy ?? UpgradeStrategy,
        BackoffSeconds = update.BackoffSeconds ?? BackoffSeconds,
        BackoffFactor = update.BackoffFactor ?? BackoffFactor,
        MaxLaunchDelaySeconds = update.MaxLaunchDelaySeconds ?? MaxLaunchDelaySeconds,
        KillSelection = update.KillSelection ?? KillSelection,
        UnreachableStrategy = update.UnreachableStrategy ?? UnreachableStrategy,
        TaskKillGracePeriodSeconds = update.TaskKillGracePeriodSeconds ?? TaskKillGracePeriodSeconds,
        AcceptedResourceRoles = update.AcceptedResourceRoles ?? AcceptedResourceRoles,
        Fetch = update.Fetch ?? Fetch,
        Role = update.Role ?? Role,
        DeploymentTimeoutSeconds = update.DeploymentTimeoutSeconds ?? DeploymentTimeoutSeconds,
        Version = Version,
        VersionInfo = VersionInfo,
    };

    /// <summary>
    /// The spec an existing app is updated from: every field set, except the port list that does not apply to the
    /// app's networking (as Marathon writes it), so switching networks in an update gets that mode's default ports.
    /// </summary>
    public static AppSpec From(AppDefinition app) => new()
    {
        Id = app.Id.ToString(),
        Cmd = app.Cmd,
        Args = app.Args,
        User = app.User,
        Env = app.Env,
        Cpus = app.Cpus,
        Mem = app.Mem,
        Disk = app.Disk,
        Gpus = app.Gpus,
        Instances = app.Instances,
        Executor = app.Executor,
        Constraints = app.Constraints,
        Container = app.Container is { } c ? ContainerSpec.From(c, app.HasContainerNetworking) : null,
        PortDefinitions = app.HasContainerNetworking ? null : app.PortDefinitions,
        RequirePorts = app.RequirePorts,
        Networks = app.Networks,
        Labels = app.Labels,
        HealthChecks = app.HealthChecks,
        ReadinessChecks = app.ReadinessChecks,
        Dependencies = new ValueArray<string>(app.Dependencies.Select(d => d.ToString())),
        UpgradeStrategy = app.UpgradeStrategy,
        BackoffSeconds = app.BackoffSeconds,
        BackoffFactor = app.BackoffFactor,
        MaxLaunchDelaySeconds = app.MaxLaunchDelaySeconds,
        KillSelection = app.KillSelection,
        UnreachableStrategy = app.UnreachableStrategy,
        TaskKillGracePeriodSeconds = app.TaskKillGracePeriodSeconds,
        AcceptedResourceRoles = app.AcceptedResourceRoles,
        Fetch = app.Fetch,
        Role = app.Role,
        DeploymentTimeoutSeconds = app.DeploymentTimeoutSeconds,
        Version = app.Version,
        VersionInfo = app.VersionInfo,
    };
}
