namespace Regatta.Agent;

internal static class AgentVersion
{
    /// <summary>The Mesos release whose behaviour this agent follows; tools compare it against minimum versions.</summary>
    public const string Mesos = "1.11.0";
}
