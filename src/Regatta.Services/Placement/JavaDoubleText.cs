using System.Globalization;

namespace Regatta.Services.Placement;

/// <summary>
/// Formats a double the way Java's <c>Double.toString</c> does (<c>1.0</c>, <c>0.5</c>, <c>1.0E7</c>, <c>1.0E-4</c>),
/// because Marathon writes the MARATHON_APP_RESOURCE_* variables that way and scripts compare them as text.
/// </summary>
internal static class JavaDoubleText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var sign = value < 0 ? "-" : string.Empty;
        var abs = Math.Abs(value);
        var (digits, point) = ShortestDigits(abs);
        if (abs is >= 1e-3 and < 1e7)
        {
            if (point <= 0)
            {
                return $"{sign}0.{new string('0', -point)}{digits}";
            }

            return point >= digits.Length
                ? $"{sign}{digits}{new string('0', point - digits.Length)}.0"
                : $"{sign}{digits[..point]}.{digits[point..]}";
        }

        var fraction = digits.Length > 1 ? digits[1..] : "0";
        return $"{sign}{digits[0]}.{fraction}E{point - 1}";
    }

    /// <summary>Significant digits D and exponent P with value = 0.D × 10^P, D without leading or trailing zeros.</summary>
    private static (string Digits, int Point) ShortestDigits(double abs)
    {
        var text = abs.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var point = (dot >= 0 ? dot : text.Length) + exponent;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point - leading);
    }
}
