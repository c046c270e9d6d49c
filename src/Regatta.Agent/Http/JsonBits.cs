using System.Text.Json.Nodes;
using Google.Protobuf;
using Regatta.Protocol;
using Regatta.Resources;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Http;

/// <summary>Small converters into the legacy JSON shapes Mesos's endpoints use.</summary>
internal static class JsonBits
{
    /// <summary>The flat <c>{"cpus": 1.0, "ports": "[31000-32000]"}</c> rendering.</summary>
    public static JsonObject Flat(IReadOnlyDictionary<string, object> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            result[name] = value switch
            {
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                _ => JsonValue.Create(value.ToString()),
            };
        }

        return result;
    }

    public static JsonObject Flat(ResourceSet resources) => Flat(resources.ToFlatJsonValues());

    public static JsonObject Flat(IEnumerable<V1.Resource> resources) =>
        ResourceWire.TryFromProto(resources, out var set, out _) ? Flat(set) : Flat(ResourceSet.Empty);

    /// <summary>A protobuf message in Mesos's JSON mapping.</summary>
    public static JsonNode? Proto(IMessage message) => JsonNode.Parse(MesosJson.Format(message));
}
