namespace Regatta.Cli;

internal static class BuildInfo
{
    public const string Version = "0.1.0";

    /// <summary>The Mesos release whose public APIs Regatta follows.</summary>
    public const string MesosVersion = "1.11.0";
}
