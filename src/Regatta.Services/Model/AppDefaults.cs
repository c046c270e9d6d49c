namespace Regatta.Services.Model;

/// <summary>
/// Marathon 1.8–1.10 defaults for fields an app definition leaves out (1.8 lowered
/// <c>maxLaunchDelaySeconds</c> from 3600 to 300; 1.6 changed <c>unreachableStrategy</c> to <c>{0, 0}</c>).
/// </summary>
internal static class AppDefaults
{
    public const double Cpus = 1;
    public const double Mem = 128;
    public const double Disk = 0;
    public const int Gpus = 0;
    public const int Instances = 1;
    public const string Executor = "";
    public const int BackoffSeconds = 1;
    public const double BackoffFactor = 1.15;
    public const int MaxLaunchDelaySeconds = 300;
    public const string Role = "*";
    public const string MesosBridgeName = "mesos-bridge";
    public const string PortName = "default";

    /// <summary>Regatta's extension: a deployment step that makes no progress for this long fails.</summary>
    public const int DeploymentTimeoutSeconds = 600;

    public const int HealthGracePeriodSeconds = 300;
    public const int HealthIntervalSeconds = 60;
    public const int HealthTimeoutSeconds = 20;
    public const int HealthMaxConsecutiveFailures = 3;
    public const int HealthDelaySeconds = 15;

    public const string ReadinessName = "readinessCheck";
    public const string ReadinessPortName = "http-api";
    public const int ReadinessIntervalSeconds = 30;
    public const int ReadinessTimeoutSeconds = 10;

    public static PortDefinition PortDefinition { get; } = new() { Name = PortName };

    public static PortMapping PortMapping { get; } = new() { Name = PortName };

    public static Network HostNetwork { get; } = new(NetworkMode.Host);
}
