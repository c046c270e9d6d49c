using System.Globalization;

namespace Regatta.Resources;

/// <summary>
/// Parser for the agent's <c>--resources</c> flag: the text form
/// <c>cpus:4;mem:4096;ports(*):[31000-32000];cpus(web):2;bugs(debug_role):{a,b,c}</c>
/// or a JSON array of v1 Resource objects (detected by a leading '[').
/// </summary>
public static partial class ResourceText
{
    /// <summary>Parses either form; throws <see cref="ResourceFormatException"/> naming the bad token and rule.</summary>
    public static ResourceSet Parse(string text, string defaultRole = RoleName.Unreserved)
    {
        ArgumentNullException.ThrowIfNull(text);
        var roleProblem = RoleName.Check(defaultRole);
        if (roleProblem is not null)
        {
            throw new ResourceFormatException($"default role: {roleProblem}");
        }

        var trimmed = text.Trim();
        return trimmed.StartsWith('[') ? ParseJson(trimmed, defaultRole) : ParseText(trimmed, defaultRole);
    }

    public static bool TryParse(string text, out ResourceSet resources, out string? error, string defaultRole = RoleName.Unreserved)
    {
        try
        {
            resources = Parse(text, defaultRole);
            error = null;
            return true;
        }
        catch (ResourceFormatException e)
        {
            resources = ResourceSet.Empty;
            error = e.Message;
            return false;
        }
    }

    public static bool TryParse(string text, out ResourceSet resources) => TryParse(text, out resources, out _);

    private static ResourceSet ParseText(string text, string defaultRole)
    {
        var resources = new List<Resource>();
        var types = new Dictionary<string, ResourceType>(StringComparer.Ordinal);
        foreach (var raw in text.Split([';', '\n']))
        {
            var token = raw.Trim();
            if (token.Length == 0)
            {
                continue;
            }

            var resource = ParseToken(token, defaultRole);
            if (types.TryGetValue(resource.Name, out var seen) && seen != resource.Type)
            {
                throw new ResourceFormatException(
                    $"resource '{token}': '{resource.Name}' was already given as {seen.ToString().ToUpperInvariant()}; one name must keep one type");
            }

            types[resource.Name] = resource.Type;
            resources.Add(resource);
        }

        return ResourceSet.Of(resources);
    }

    private static Resource ParseToken(string token, string defaultRole)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var paren = token.IndexOf('(', StringComparison.Ordinal);
        string name;
        string role;
        string value;
        if (paren >= 0 && (colon < 0 || paren < colon))
        {
            var close = token.IndexOf(')', paren);
            if (close < 0)
            {
                throw new ResourceFormatException($"resource '{token}': missing ')' after the role");
            }

            name = token[..paren].Trim();
            role = token[(paren + 1)..close].Trim();
            var rest = token[(close + 1)..].TrimStart();
            if (!rest.StartsWith(':'))
            {
                throw new ResourceFormatException($"resource '{token}': expected ':' after '({role})'");
            }

            value = rest[1..].Trim();
        }
        else if (colon >= 0)
        {
            name = token[..colon].Trim();
            role = defaultRole;
            value = token[(colon + 1)..].Trim();
        }
        else
        {
            throw new ResourceFormatException($"resource '{token}': expected 'name:value' or 'name(role):value'");
        }

        if (name.Length == 0)
        {
            throw new ResourceFormatException($"resource '{token}': name is empty");
        }

        var roleProblem = RoleName.Check(role);
        if (roleProblem is not null)
        {
            throw new ResourceFormatException($"resource '{token}': {roleProblem}");
        }

        if (value.Length == 0)
        {
            throw new ResourceFormatException($"resource '{token}': value is empty");
        }

        try
        {
            var reservation = Resource.ReservationFor(role);
            return value[0] switch
            {
                '[' => Resource.CreateRanges(name, ParseRanges(value, $"resource '{token}'"), reservation),
                '{' => Resource.CreateSet(name, ParseSet(value, $"resource '{token}'"), reservation),
                _ => Resource.CreateScalar(name, ParseScalar(value, $"resource '{token}'"), reservation),
            };
        }
        catch (ArgumentException e)
        {
            throw new ResourceFormatException($"resource '{token}': {e.Message.Split(" (Parameter")[0]}", e);
        }
    }

    internal static double ParseScalar(string value, string what)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new ResourceFormatException($"{what}: '{value}' is not a number");
        }

        if (number < 0)
        {
            throw new ResourceFormatException($"{what}: scalar must not be negative");
        }

        return number;
    }

    /// <summary>Parses <c>[a-b, c-d]</c>.</summary>
    internal static ValueRanges ParseRanges(string value, string what)
    {
        if (value.Length < 2 || value[0] != '[' || value[^1] != ']')
        {
            throw new ResourceFormatException($"{what}: ranges must look like [begin-end,begin-end]");
        }

        var ranges = new List<ValueRange>();
        foreach (var raw in value[1..^1].Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                if (value[1..^1].Trim().Length == 0)
                {
                    break;
                }

                throw new ResourceFormatException($"{what}: empty range in '{value}'");
            }

            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0
                || !ulong.TryParse(part[..dash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var begin)
                || !ulong.TryParse(part[(dash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                throw new ResourceFormatException($"{what}: range '{part}' must be 'begin-end' with non-negative integers");
            }

            if (begin > end)
            {
                throw new ResourceFormatException($"{what}: range '{part}' has begin greater than end");
            }

            ranges.Add(new ValueRange(begin, end));
        }

        return ValueRanges.Of(ranges);
    }

    /// <summary>Parses <c>{a,b,c}</c>.</summary>
    internal static ValueSet ParseSet(string value, string what)
    {
        if (value.Length < 2 || value[0] != '{' || value[^1] != '}')
        {
            throw new ResourceFormatException($"{what}: sets must look like {{item,item}}");
        }

        var items = new List<string>();
        foreach (var raw in value[1..^1].Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                throw new ResourceFormatException($"{what}: empty item in '{value}'");
            }

            items.Add(item);
        }

        return ValueSet.Of(items);
    }
}
