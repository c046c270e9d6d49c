using V1 = Regatta.Protocol.V1;

namespace Regatta.Resources;

/// <summary>Conversion between <see cref="Attributes"/> and the Mesos v1 <c>Attribute</c> wire message.</summary>
public static class AttributeWire
{
    public static List<V1.Attribute> ToProto(Attributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var list = new List<V1.Attribute>(attributes.Count);
        foreach (var a in attributes)
        {
            var message = new V1.Attribute { Name = a.Name };
            switch (a.Type)
            {
                case AttributeType.Text:
                    message.Type = V1.Value.Types.Type.Text;
                    message.Text = new V1.Value.Types.Text { Value = a.Text! };
                    break;
                case AttributeType.Scalar:
                    message.Type = V1.Value.Types.Type.Scalar;
                    message.Scalar = new V1.Value.Types.Scalar { Value = a.Scalar };
                    break;
                default:
                    message.Type = V1.Value.Types.Type.Ranges;
                    message.Ranges = ResourceWire.ToProto(a.Ranges!);
                    break;
            }

            list.Add(message);
        }

        return list;
    }

    /// <summary>Validates and converts; throws <see cref="ResourceFormatException"/> naming the attribute.</summary>
    public static Attributes FromProto(IEnumerable<V1.Attribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var items = new List<AttributeValue>();
        var index = 0;
        foreach (var m in attributes)
        {
            var what = string.IsNullOrEmpty(m.Name) ? $"attribute #{index}" : $"attribute '{m.Name}' (#{index})";
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                throw new ResourceFormatException($"{what}: 'name' is required");
            }

            items.Add(m.Type switch
            {
                V1.Value.Types.Type.Text when m.Text is { } t && t.Value.Length > 0 => AttributeValue.OfText(m.Name, t.Value),
                V1.Value.Types.Type.Scalar when m.Scalar is { } s && double.IsFinite(s.Value) => AttributeValue.OfScalar(m.Name, s.Value),
                V1.Value.Types.Type.Ranges when m.Ranges is not null => AttributeValue.OfRanges(m.Name, ResourceWire.FromProto(m.Ranges, what)),
                V1.Value.Types.Type.Set => throw new ResourceFormatException($"{what}: SET attributes are not supported"),
                var t => throw new ResourceFormatException($"{what}: type {t.ToString().ToUpperInvariant()} needs a valid matching value field"),
            });
            index++;
        }

        return Attributes.Of(items);
    }
}
