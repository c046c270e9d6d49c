using System.Globalization;
using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>
/// An agent attribute value as constraints see it. <see cref="Text"/> is the string Marathon compares:
/// text as is, scalars with at most three decimals, ranges as <c>[b-e,…]</c> and sets as <c>{a,b}</c>, both sorted.
/// </summary>
internal sealed record AgentAttribute
{
    private AgentAttribute(AgentAttributeType type, string text, double? scalar)
    {
        Type = type;
        Text = text;
        ScalarValue = scalar;
    }

    public AgentAttributeType Type { get; }

    public string Text { get; }

    /// <summary>The number of a SCALAR attribute; null for other kinds.</summary>
    public double? ScalarValue { get; }

    public static AgentAttribute OfText(string text) => new(AgentAttributeType.Text, text, null);

    public static AgentAttribute OfScalar(double value) => new(AgentAttributeType.Scalar, FormatScalar(value), value);

    public static AgentAttribute OfRanges(IEnumerable<(ulong Begin, ulong End)> ranges) =>
        new(
            AgentAttributeType.Ranges,
            "[" + string.Join(",", ranges.OrderBy(r => r.Begin).ThenBy(r => r.End).Select(r => $"{r.Begin}-{r.End}")) + "]",
            null);

    public static AgentAttribute OfSet(IEnumerable<string> items) =>
        new(AgentAttributeType.Set, "{" + string.Join(",", items.Order(StringComparer.Ordinal)) + "}", null);

    /// <summary>Converts an attribute parsed by Regatta.Resources (from <c>--attributes</c> or the wire).</summary>
    public static AgentAttribute From(AttributeValue value) => value.Type switch
    {
        AttributeType.Text => OfText(value.Text!),
        AttributeType.Scalar => OfScalar(value.Scalar),
        _ => OfRanges(value.Ranges!.Select(r => (r.Begin, r.End))),
    };

    /// <summary>At most three decimals, half-even, trailing zeros dropped: 0.80 → "0.8", 2.0 → "2".</summary>
    public static string FormatScalar(double value)
    {
        if (Math.Abs(value) < 7.9e27)
        {
            // Through decimal so that 0.8 rounds as the literal the user wrote, not its binary neighbour.
            var rounded = Math.Round((decimal)value, 3, MidpointRounding.ToEven);
            return rounded.ToString("0.###", CultureInfo.InvariantCulture);
        }

        return value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Text;
}
