namespace Regatta.Services.Placement;

/// <summary>Everything <see cref="TaskEnvironment"/> needs about one task and its app version.</summary>
/// <param name="AppId">Absolute app id, e.g. <c>/webshop/db</c>.</param>
/// <param name="Version">The app version timestamp as the API shows it.</param>
/// <param name="EnvVarsPrefix">Marathon's <c>--env_vars_prefix</c>; applies to the port variables and HOST only.</param>
/// <param name="UserEnv">The app's own <c>env</c> (string values only); added last, so it wins.</param>
internal sealed record TaskEnvironmentInput(
    string AppId,
    string Version,
    string TaskId,
    string Hostname,
    double Cpus,
    double Mem,
    double Disk,
    int Gpus,
    IReadOnlyList<TaskPortView> Ports,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? DockerImage = null,
    IReadOnlyDictionary<string, string>? UserEnv = null,
    string? EnvVarsPrefix = null,
    bool? EnforceGroupRole = null);
