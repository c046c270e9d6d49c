using System.Globalization;
using System.Text.RegularExpressions;

namespace Regatta.Services.Placement;

/// <summary>
/// One validated placement rule from an app's <c>constraints</c> (Marathon's <c>[field, OPERATOR, value?]</c> form).
/// Immutable; equality is by field, operator and value text.
/// </summary>
internal sealed partial class Constraint : IEquatable<Constraint>
{
    public const string OperatorListMessage =
        "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS";

    public const string IsValueMessage =
        "IS only supports Mesos text and float values (see http://mesos.apache.org/documentation/latest/attributes-resources/)";

    private readonly Regex? _regex;

    private Constraint(string field, ConstraintOperator op, string? value, Regex? regex, int? count)
    {
        Field = field;
        Operator = op;
        Value = value;
        _regex = regex;
        Count = count;
    }

    /// <summary>The field as written: <c>hostname</c>, <c>@hostname</c>, <c>@region</c>, <c>@zone</c> or an attribute name.</summary>
    public string Field { get; }

    public ConstraintOperator Operator { get; }

    /// <summary>The third element, or null when the constraint has two.</summary>
    public string? Value { get; }

    /// <summary>The integer of GROUP_BY (expected number of groups) or MAX_PER (limit per value); null otherwise.</summary>
    public int? Count { get; }

    public bool IsHostname => Field is "hostname" or "@hostname";

    /// <summary>Parses and validates the raw form; never throws on bad input.</summary>
    public static bool TryParse(IReadOnlyList<string> parts, out Constraint? constraint, out string? error)
    {
        constraint = null;
        error = null;
        if (parts is null || parts.Count is < 2 or > 3)
        {
            error = "Each constraint must have either 2 or 3 fields";
            return false;
        }

        var field = parts[0];
        if (string.IsNullOrEmpty(field))
        {
            error = "constraint field name must not be empty";
            return false;
        }

        if (!TryParseOperator(parts[1], out var op))
        {
            error = OperatorListMessage;
            return false;
        }

        var value = parts.Count == 3 ? parts[2] : null;
        error = Validate(op, value, out var regex, out var count);
        if (error is not null)
        {
            return false;
        }

        constraint = new Constraint(field, op, value, regex, count);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for trusted input such as stored apps and tests.</summary>
    public static Constraint Parse(params string[] parts) =>
        TryParse(parts, out var c, out var error) ? c! : throw new FormatException(error);

    /// <summary>Marathon's wire name of an operator (<c>GROUP_BY</c>, <c>MAX_PER</c>, …).</summary>
    public static string OperatorName(ConstraintOperator op) => op switch
    {
        ConstraintOperator.Unique => "UNIQUE",
        ConstraintOperator.Cluster => "CLUSTER",
        ConstraintOperator.GroupBy => "GROUP_BY",
        ConstraintOperator.MaxPer => "MAX_PER",
        ConstraintOperator.Like => "LIKE",
        ConstraintOperator.Unlike => "UNLIKE",
        _ => "IS",
    };

    /// <summary>The canonical raw form for JSON output; the operator is upper-cased as Marathon stores it.</summary>
    public IReadOnlyList<string> ToParts() =>
        Value is null ? [Field, OperatorName(Operator)] : [Field, OperatorName(Operator), Value];

    public bool Equals(Constraint? other) =>
        other is not null && Field == other.Field && Operator == other.Operator && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as Constraint);

    public override int GetHashCode() => HashCode.Combine(Field, Operator, Value);

    public override string ToString() =>
        Value is null ? $"{Field}:{OperatorName(Operator)}" : $"{Field}:{OperatorName(Operator)}:{Value}";

    private static bool TryParseOperator(string? text, out ConstraintOperator op)
    {
        // Marathon upper-cases the operator before looking it up, so "unique" is accepted.
        op = (text ?? string.Empty).ToUpperInvariant() switch
        {
            "UNIQUE" => ConstraintOperator.Unique,
            "CLUSTER" => ConstraintOperator.Cluster,
            "GROUP_BY" => ConstraintOperator.GroupBy,
            "MAX_PER" => ConstraintOperator.MaxPer,
            "LIKE" => ConstraintOperator.Like,
            "UNLIKE" => ConstraintOperator.Unlike,
            "IS" => ConstraintOperator.Is,
            _ => (ConstraintOperator)(-1),
        };
        return Enum.IsDefined(op);
    }

    private static string? Validate(ConstraintOperator op, string? value, out Regex? regex, out int? count)
    {
        regex = null;
        count = null;
        switch (op)
        {
            case ConstraintOperator.Unique:
                return value is null ? null : "UNIQUE does not accept a value";
            case ConstraintOperator.Cluster:
                return null;
            case ConstraintOperator.GroupBy:
                if (value is null)
                {
                    return null;
                }

                count = ParseCount(value);
                return count is null ? "GROUP BY must define an integer value or else no value at all" : null;
            case ConstraintOperator.MaxPer:
                count = value is null ? null : ParseCount(value);
                return count is null ? "MAX_PER requires an integer value" : null;
            case ConstraintOperator.Like:
            case ConstraintOperator.Unlike:
                if (string.IsNullOrEmpty(value))
                {
                    return "LIKE and UNLIKE require a non-empty, regular expression value";
                }

                regex = CompileFullMatch(value);
                return regex is null ? $"'{value}' is not a valid regular expression" : null;
            default:
                return value is not null && IsValuePattern().IsMatch(value) && value.Length > 0 ? null : IsValueMessage;
        }
    }

    // Negative counts are rejected (Marathon accepts them, but they can only mean "never place").
    private static int? ParseCount(string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    private static Regex? CompileFullMatch(string pattern)
    {
        // Validate alone first so that a pattern like "a)|(b" cannot escape the anchoring group below.
        if (TryCompile(pattern, Regex.InfiniteMatchTimeout) is null)
        {
            return null;
        }

        // Java's matches() is a whole-string match; anchoring reproduces it.
        var anchored = $"\\A(?:{pattern})\\z";
        try
        {
            // Linear-time engine first: the pattern is user input and must not stall the scheduler.
            return new Regex(anchored, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            // Lookarounds and backreferences need the backtracking engine; bound it instead.
            return TryCompile(anchored, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Regex? TryCompile(string anchored, TimeSpan timeout)
    {
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant, timeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_/.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IsValuePattern();
}
