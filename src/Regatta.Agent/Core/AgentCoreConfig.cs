using Regatta.Agent.Paths;
using Regatta.Resources;

namespace Regatta.Agent.Core;

/// <summary>The fixed facts the agent core works with, resolved by the host at start-up.</summary>
internal sealed record AgentCoreConfig(
    string Hostname,
    int Port,
    string AdvertisedIp,
    ResourceSet Resources,
    Attributes Attributes,
    AgentPaths Paths,
    TimeSpan DefaultKillGracePeriod,
    TimeSpan ExecutorShutdownGracePeriod,
    TimeSpan StatusUpdateRetryMin,
    TimeSpan StatusUpdateRetryMax,
    string Version)
{
    /// <summary>True when <c>--containerizers</c> names <c>docker</c>: DOCKER tasks are launched instead of refused.</summary>
    public bool DockerEnabled { get; init; }

    /// <summary><c>ip:port</c> (MESOS_AGENT_ENDPOINT).</summary>
    public string Endpoint => $"{AdvertisedIp}:{Port}";

    /// <summary>The libprocess-style pid <c>slave(1)@ip:port</c> Mesos tools expect.</summary>
    public string Pid => $"slave(1)@{Endpoint}";
}
