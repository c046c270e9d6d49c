using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>What placement needs to know about an agent: identity, hostname, attributes and fault domain.</summary>
internal sealed record AgentView(
    string AgentId,
    string Hostname,
    IReadOnlyDictionary<string, AgentAttribute> Attributes,
    string? Region = null,
    string? Zone = null)
{
    public AgentView(string agentId, string hostname)
        : this(agentId, hostname, new Dictionary<string, AgentAttribute>())
    {
    }

    /// <summary>Builds a view from attributes parsed by Regatta.Resources; a repeated name keeps its first value.</summary>
    public static AgentView From(string agentId, string hostname, Attributes attributes, string? region = null, string? zone = null)
    {
        var map = new Dictionary<string, AgentAttribute>(StringComparer.Ordinal);
        foreach (var a in attributes)
        {
            map.TryAdd(a.Name, AgentAttribute.From(a));
        }

        return new AgentView(agentId, hostname, map, region, zone);
    }

    /// <summary>The value a constraint on <paramref name="field"/> compares, or null when the agent has none.</summary>
    public string? ValueOf(string field) => field switch
    {
        "hostname" or "@hostname" => Hostname,
        "@region" => Region,
        "@zone" => Zone,
        _ => Attributes.TryGetValue(field, out var a) ? a.Text : null,
    };
}
