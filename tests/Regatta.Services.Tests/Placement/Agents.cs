using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

/// <summary>Builds agent views for placement tests.</summary>
internal static class Agents
{
    public static AgentView Host(string hostname) => new(hostname + "-id", hostname);

    public static AgentView WithText(string hostname, params (string Name, string Value)[] attributes) =>
        new(
            hostname + "-id",
            hostname,
            attributes.ToDictionary(a => a.Name, a => AgentAttribute.OfText(a.Value)));

    public static AgentView OnRack(string hostname, string rack) => WithText(hostname, ("rack", rack));

    public static PlacementContext Placed(params AgentView[] agents) => new(agents);
}
