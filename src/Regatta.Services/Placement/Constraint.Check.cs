using System.Globalization;
using System.Text.RegularExpressions;

namespace Regatta.Services.Placement;

internal sealed partial class Constraint
{
    /// <summary>
    /// Null when a new task of the app may go to <paramref name="candidate"/>; otherwise why not.
    /// Every entry of <paramref name="context"/>'s placed list counts, whatever the task's version.
    /// </summary>
    public PlacementReason? Check(AgentView candidate, PlacementContext context)
    {
        var value = candidate.ValueOf(Field);
        if (value is null)
        {
            // Marathon: an agent without the field matches only UNLIKE.
            return Operator == ConstraintOperator.Unlike
                ? null
                : Reject($"agent {candidate.Hostname} has no {FieldNoun}");
        }

        return Operator switch
        {
            ConstraintOperator.Unique => CheckUnique(value, context),
            ConstraintOperator.Cluster => CheckCluster(candidate, value, context),
            ConstraintOperator.GroupBy => CheckGroupBy(candidate, value, context),
            ConstraintOperator.MaxPer => CheckMaxPer(value, context),
            ConstraintOperator.Like => Matches(value, like: true) ? null : Reject($"agent {candidate.Hostname} has {Label(value)}"),
            ConstraintOperator.Unlike => Matches(value, like: false) ? null : Reject($"agent {candidate.Hostname} has {Label(value)}"),
            _ => ValueEquals(candidate, value, Value!) ? null : Reject($"agent {candidate.Hostname} has {Label(value)}"),
        };
    }

    private string FieldNoun => Field switch
    {
        "hostname" or "@hostname" => "hostname",
        "@region" => "fault domain region",
        "@zone" => "fault domain zone",
        _ => $"attribute {Field}",
    };

    private PlacementReason? CheckUnique(string value, PlacementContext context)
    {
        var count = CountWith(value, context.Placed);
        return count == 0 ? null : Reject($"{Label(value)} already runs {Tasks(count)} of this app");
    }

    private PlacementReason? CheckCluster(AgentView candidate, string value, PlacementContext context)
    {
        if (Value is { Length: > 0 })
        {
            return ValueEquals(candidate, value, Value) ? null : Reject($"agent {candidate.Hostname} has {Label(value)}");
        }

        // Without a value the first placed task fixes the value for all later ones.
        foreach (var placed in context.Placed)
        {
            var first = placed.ValueOf(Field);
            if (first is not null)
            {
                return first == value
                    ? null
                    : Reject($"tasks of this app run on {Label(first)}, agent {candidate.Hostname} has {Label(value)}");
            }
        }

        return null;
    }

    private PlacementReason? CheckGroupBy(AgentView candidate, string value, PlacementContext context)
    {
        var groups = GroupSizes(context.Placed);
        if (!groups.TryGetValue(value, out var mine))
        {
            return null;
        }

        var expected = Count is > 0 ? Count.Value : KnownGroupCount(candidate, context) ?? 0;
        if (groups.Count < expected)
        {
            return Reject($"{Label(value)} already runs {Tasks(mine)}, but only {groups.Count} of {expected} groups are used");
        }

        var least = groups.Values.Min();
        return mine == least
            ? null
            : Reject($"{Label(value)} already runs {Tasks(mine)}, the least used group runs {least}");
    }

    private PlacementReason? CheckMaxPer(string value, PlacementContext context)
    {
        var count = CountWith(value, context.Placed);
        return count < Count ? null : Reject($"{Label(value)} already runs {Tasks(count)} of this app");
    }

    /// <summary>Task counts per value of the field among placed tasks; tasks on agents without the field are in no group.</summary>
    internal Dictionary<string, int> GroupSizes(IEnumerable<AgentView> placed)
    {
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var agent in placed)
        {
            var v = agent.ValueOf(Field);
            if (v is not null)
            {
                groups[v] = groups.GetValueOrDefault(v) + 1;
            }
        }

        return groups;
    }

    private int? KnownGroupCount(AgentView candidate, PlacementContext context)
    {
        if (context.KnownAgents is null)
        {
            return null;
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var agent in context.KnownAgents.Append(candidate))
        {
            if (agent.ValueOf(Field) is { } v)
            {
                values.Add(v);
            }
        }

        return values.Count;
    }

    private int CountWith(string value, IReadOnlyList<AgentView> placed)
    {
        var count = 0;
        foreach (var agent in placed)
        {
            if (agent.ValueOf(Field) == value)
            {
                count++;
            }
        }

        return count;
    }

    private bool ValueEquals(AgentView candidate, string agentValue, string wanted)
    {
        if (agentValue == wanted)
        {
            return true;
        }

        // Floats compare after the attribute's own formatting, so IS 1.50 matches a scalar attribute 1.5.
        return !IsHostname
            && candidate.Attributes.TryGetValue(Field, out var attribute)
            && attribute.Type == AgentAttributeType.Scalar
            && double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && AgentAttribute.FormatScalar(number) == agentValue;
    }

    /// <summary>True when LIKE (or UNLIKE) is satisfied; a pattern that runs out of time satisfies neither.</summary>
    private bool Matches(string value, bool like)
    {
        try
        {
            return _regex!.IsMatch(value) == like;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private string Label(string value) => Field switch
    {
        "hostname" or "@hostname" => $"host {value}",
        "@region" => $"region {value}",
        "@zone" => $"zone {value}",
        _ => $"{Field} {value}",
    };

    private static string Tasks(int count) => count == 1 ? "1 task" : $"{count} tasks";

    private PlacementReason Reject(string detail)
    {
        var head = Value is null ? $"{OperatorName(Operator)} {Field}" : $"{OperatorName(Operator)} {Field} {Value}";
        return new PlacementReason(RejectReason.UnfulfilledConstraint, $"{head}: {detail}", this);
    }
}
