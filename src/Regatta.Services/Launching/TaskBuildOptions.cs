using Regatta.Services.Model;

namespace Regatta.Services.Launching;

/// <summary>Scheduler-wide settings that shape every task (Marathon command-line flags).</summary>
/// <param name="EnvVarsPrefix"><c>--env_vars_prefix</c>: prepended to the port variables and <c>HOST</c>.</param>
/// <param name="EnforceGroupRole">
/// Whether the app's top-level group enforces its role; becomes <c>MARATHON_APP_ENFORCE_GROUP_ROLE</c> when known.
/// </param>
/// <param name="MesosBridgeName"><c>--mesos_bridge_name</c>: the CNI network a MESOS container joins for <c>container/bridge</c>.</param>
/// <param name="DefaultExecutor"><c>--executor</c>: used when the app's <c>executor</c> is empty; <c>//cmd</c> is Mesos's command executor.</param>
internal sealed record TaskBuildOptions(
    string? EnvVarsPrefix = null,
    bool? EnforceGroupRole = null,
    string MesosBridgeName = AppDefaults.MesosBridgeName,
    string DefaultExecutor = TaskBuildOptions.CommandExecutor)
{
    /// <summary>Marathon's name for Mesos's built-in command executor.</summary>
    public const string CommandExecutor = "//cmd";

    public static TaskBuildOptions Default { get; } = new();
}
