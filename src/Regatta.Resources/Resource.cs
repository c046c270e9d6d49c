using System.Globalization;

namespace Regatta.Resources;

/// <summary>
/// One named resource of one kind held under one reservation: <c>cpus(web):2</c>, <c>ports:[31000-32000]</c>.
/// Scalars use Mesos's fixed-point precision (three decimal places), so 0.1 + 0.2 == 0.3 here.
/// </summary>
public sealed record Resource
{
    /// <summary>Largest scalar accepted; keeps the fixed-point representation far from overflow.</summary>
    public const double MaxScalar = 1e15;

    private readonly long _milli;

    private Resource(string name, ResourceType type, long milli, ValueRanges ranges, ValueSet set, Reservation? reservation)
    {
        Name = name;
        Type = type;
        _milli = milli;
        Ranges = ranges;
        Set = set;
        Reservation = reservation;
    }

    public string Name { get; }

    public ResourceType Type { get; }

    /// <summary>The scalar amount (0 for non-scalar resources), rounded to three decimal places.</summary>
    public double Scalar => _milli / 1000.0;

    /// <summary>The ranges of a RANGES resource; empty otherwise.</summary>
    public ValueRanges Ranges { get; }

    /// <summary>The items of a SET resource; empty otherwise.</summary>
    public ValueSet Set { get; }

    /// <summary>Null for unreserved resources.</summary>
    public Reservation? Reservation { get; }

    /// <summary>The role the resource is reserved to, or <c>"*"</c> when unreserved.</summary>
    public string Role => Reservation?.Role ?? RoleName.Unreserved;

    public bool IsReserved => Reservation is not null;

    /// <summary>True when the resource carries no quantity (zero scalar, no ranges, no items).</summary>
    public bool IsEmpty => Type switch
    {
        ResourceType.Scalar => _milli == 0,
        ResourceType.Ranges => Ranges.IsEmpty,
        _ => Set.IsEmpty,
    };

    internal long ScalarMilli => _milli;

    public static Resource CreateScalar(string name, double value, Reservation? reservation = null)
    {
        ValidateName(name);
        return new Resource(name, ResourceType.Scalar, ToMilli(value, name), ValueRanges.Empty, ValueSet.Empty, reservation);
    }

    public static Resource CreateScalar(string name, double value, string role) =>
        CreateScalar(name, value, ReservationFor(role));

    public static Resource CreateRanges(string name, ValueRanges ranges, Reservation? reservation = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(ranges);
        return new Resource(name, ResourceType.Ranges, 0, ranges, ValueSet.Empty, reservation);
    }

    public static Resource CreateRanges(string name, ValueRanges ranges, string role) =>
        CreateRanges(name, ranges, ReservationFor(role));

    public static Resource CreateSet(string name, ValueSet items, Reservation? reservation = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(items);
        return new Resource(name, ResourceType.Set, 0, ValueRanges.Empty, items, reservation);
    }

    public static Resource CreateSet(string name, ValueSet items, string role) =>
        CreateSet(name, items, ReservationFor(role));

    /// <summary>"*" means unreserved; any other role means a static reservation (as in <c>--resources</c>).</summary>
    public static Reservation? ReservationFor(string role)
    {
        RoleName.Validate(role);
        return role == RoleName.Unreserved ? null : Reservation.Static(role);
    }

    /// <summary>Same resource with a different reservation (null = unreserved).</summary>
    public Resource WithReservation(Reservation? reservation) =>
        new(Name, Type, _milli, Ranges, Set, reservation);

    /// <summary>True when <paramref name="other"/> is the same kind of resource under the same reservation.</summary>
    public bool IsSameKind(Resource other) =>
        Type == other.Type && Name == other.Name && Equals(Reservation, other.Reservation);

    /// <summary>Mesos text form of this one resource, e.g. <c>cpus(web):2</c>.</summary>
    public string ToText()
    {
        var value = Type switch
        {
            ResourceType.Scalar => FormatScalar(Scalar),
            ResourceType.Ranges => Ranges.ToString(),
            _ => Set.ToString(),
        };
        return Reservation switch
        {
            null => $"{Name}:{value}",
            { Type: ReservationType.Static } r => $"{Name}({r.Role}):{value}",
            var r => $"{Name}(reservations: [(DYNAMIC,{r.Role}{(r.Principal is null ? string.Empty : "," + r.Principal)})]):{value}",
        };
    }

    public override string ToString() => ToText();

    internal static Resource FromMilli(Resource template, long milli) =>
        new(template.Name, template.Type, milli, template.Ranges, template.Set, template.Reservation);

    internal static Resource WithValues(Resource template, ValueRanges ranges, ValueSet set) =>
        new(template.Name, template.Type, template._milli, ranges, set, template.Reservation);

    internal static string FormatScalar(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static long ToMilli(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"scalar resource '{name}' must be a finite number");
        }

        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"scalar resource '{name}' must not be negative (got {FormatScalar(value)})");
        }

        if (value > MaxScalar)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"scalar resource '{name}' must be at most {MaxScalar:0}");
        }

        return (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("resource name must not be empty", nameof(name));
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '(' or ')' or ':' or ';' or '[' or ']' or '{' or '}')
            {
                throw new ArgumentException($"resource name '{name}' must not contain whitespace, control characters or any of ()[]{{}}:;", nameof(name));
            }
        }
    }
}
