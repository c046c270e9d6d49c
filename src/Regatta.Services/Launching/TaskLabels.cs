using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>Marathon label maps as Mesos <c>Labels</c> (key order: ordinal, as the map keeps them).</summary>
internal static class TaskLabels
{
    public static V1.Labels ToProto(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var message = new V1.Labels();
        foreach (var (key, value) in labels)
        {
            message.Labels_.Add(new V1.Label { Key = key, Value = value });
        }

        return message;
    }
}
