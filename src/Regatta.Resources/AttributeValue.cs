using System.Globalization;

namespace Regatta.Resources;

/// <summary>One agent attribute such as <c>rack:r1</c>, <c>level:3</c> or <c>ports:[1-10]</c>.</summary>
public sealed record AttributeValue
{
    private AttributeValue(string name, AttributeType type, string? text, double scalar, ValueRanges? ranges)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("attribute name must not be empty", nameof(name));
        }

        Name = name;
        Type = type;
        Text = text;
        Scalar = scalar;
        Ranges = ranges;
    }

    public string Name { get; }

    public AttributeType Type { get; }

    /// <summary>Set only for TEXT attributes.</summary>
    public string? Text { get; }

    /// <summary>Meaningful only for SCALAR attributes.</summary>
    public double Scalar { get; }

    /// <summary>Set only for RANGES attributes.</summary>
    public ValueRanges? Ranges { get; }

    public static AttributeValue OfText(string name, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new(name, AttributeType.Text, text, 0, null);
    }

    public static AttributeValue OfScalar(string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"attribute '{name}' must be a finite number");
        }

        return new(name, AttributeType.Scalar, null, value, null);
    }

    public static AttributeValue OfRanges(string name, ValueRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return new(name, AttributeType.Ranges, null, 0, ranges);
    }

    /// <summary>The value as the <c>--attributes</c> flag writes it.</summary>
    public string ValueText => Type switch
    {
        AttributeType.Text => Text!,
        AttributeType.Scalar => Scalar.ToString("R", CultureInfo.InvariantCulture),
        _ => Ranges!.ToString(),
    };

    /// <summary>The value as Mesos's legacy JSON renders it: text and ranges as strings, scalars as numbers.</summary>
    public object FlatJsonValue => Type == AttributeType.Scalar ? Scalar : ValueText;

    public override string ToString() => $"{Name}:{ValueText}";
}
