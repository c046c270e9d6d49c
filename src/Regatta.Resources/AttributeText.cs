using System.Globalization;

namespace Regatta.Resources;

/// <summary>
/// Parser for the agent's <c>--attributes</c> flag: <c>rack:r1;zone:a;level:3;ports:[1-10]</c>.
/// A numeric value is SCALAR, <c>[a-b,…]</c> is RANGES, anything else TEXT; sets are rejected.
/// </summary>
public static class AttributeText
{
    public static Attributes Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = new List<AttributeValue>();
        foreach (var raw in text.Split([';', '\n']))
        {
            var token = raw.Trim();
            if (token.Length == 0)
            {
                continue;
            }

            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new ResourceFormatException($"attribute '{token}': expected 'name:value'");
            }

            var name = token[..colon].Trim();
            var value = token[(colon + 1)..].Trim();
            if (name.Length == 0)
            {
                throw new ResourceFormatException($"attribute '{token}': name is empty");
            }

            if (value.Length == 0)
            {
                throw new ResourceFormatException($"attribute '{token}': value is empty");
            }

            items.Add(ParseValue(name, value, token));
        }

        return Attributes.Of(items);
    }

    public static bool TryParse(string text, out Attributes attributes, out string? error)
    {
        try
        {
            attributes = Parse(text);
            error = null;
            return true;
        }
        catch (ResourceFormatException e)
        {
            attributes = Attributes.Empty;
            error = e.Message;
            return false;
        }
    }

    private static AttributeValue ParseValue(string name, string value, string token)
    {
        if (value[0] == '{')
        {
            throw new ResourceFormatException($"attribute '{token}': set values are not allowed for attributes");
        }

        if (value[0] == '[')
        {
            return AttributeValue.OfRanges(name, ResourceText.ParseRanges(value, $"attribute '{token}'"));
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && !double.IsNaN(number) && !double.IsInfinity(number)
            ? AttributeValue.OfScalar(name, number)
            : AttributeValue.OfText(name, value);
    }
}
