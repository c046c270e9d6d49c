namespace Regatta.Services.Model;

/// <summary>
/// Scheduler settings that shape how an app body is read: where relative ids hang, the default role and network,
/// enabled features, and an optional deeper check of each constraint (the placement parser plugs in here, so the
/// model does not depend on it).
/// </summary>
internal sealed record AppParseOptions
{
    public static AppParseOptions Default { get; } = new();

    /// <summary>The group relative app ids are resolved against (the root for <c>/v2/apps</c>).</summary>
    public PathId BasePath { get; init; } = PathId.Root;

    /// <summary><c>--mesos_role</c>: the role of apps that name none.</summary>
    public string DefaultRole { get; init; } = AppDefaults.Role;

    /// <summary>Roles an app may name; null means only <see cref="DefaultRole"/>.</summary>
    public IReadOnlySet<string>? ValidRoles { get; init; }

    /// <summary><c>--default_network_name</c>: the name of container networks that give none.</summary>
    public string? DefaultNetworkName { get; init; }

    /// <summary><c>--mesos_bridge_name</c>: a legacy <c>ipAddress.networkName</c> equal to it means the bridge.</summary>
    public string MesosBridgeName { get; init; } = AppDefaults.MesosBridgeName;

    /// <summary><c>--enable_features</c>, e.g. <c>gpu_resources</c>.</summary>
    public IReadOnlySet<string> EnabledFeatures { get; init; } = new HashSet<string>();

    /// <summary>
    /// Called for each constraint that already has a valid shape and operator; returns an error message (reported at
    /// <c>/constraints(i)</c>) or null.
    /// </summary>
    public Func<IReadOnlyList<string>, string?>? ConstraintCheck { get; init; }

    public IReadOnlySet<string> EffectiveValidRoles => ValidRoles ?? new HashSet<string> { DefaultRole };
}
