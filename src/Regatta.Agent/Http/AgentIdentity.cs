using Regatta.Resources;

namespace Regatta.Agent.Http;

/// <summary>The facts about this agent that never change while it runs, shown by /state, /flags and /version.</summary>
internal sealed record AgentIdentity(
    string Hostname,
    string AdvertisedIp,
    int Port,
    DateTimeOffset StartTime,
    string Version,
    ResourceSet Resources,
    Attributes Attributes,
    IReadOnlyDictionary<string, string> Flags,
    string WorkDir)
{
    public string Pid => $"slave(1)@{AdvertisedIp}:{Port}";
}
