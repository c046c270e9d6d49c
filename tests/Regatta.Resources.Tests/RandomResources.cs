namespace Regatta.Resources.Tests;

/// <summary>Generates small random resource sets over a fixed vocabulary so that overlaps are frequent.</summary>
internal static class RandomResources
{
    private static readonly string[] ScalarNames = ["cpus", "mem", "disk", "gpus"];
    private static readonly string[] Roles = ["*", "web", "ads", "eng/backend"];

    public static ResourceSet Next(Random random, bool allowDynamic = true)
    {
        var count = random.Next(0, 7);
        var list = new List<Resource>();
        for (var i = 0; i < count; i++)
        {
            var reservation = NextReservation(random, allowDynamic);
            switch (random.Next(5))
            {
                case 0:
                    list.Add(Resource.CreateRanges("ports", NextRanges(random), reservation));
                    break;
                case 1:
                    list.Add(Resource.CreateSet("bugs", NextSet(random), reservation));
                    break;
                default:
                    var name = ScalarNames[random.Next(ScalarNames.Length)];
                    list.Add(Resource.CreateScalar(name, random.Next(0, 100_000) / 1000.0, reservation));
                    break;
            }
        }

        return ResourceSet.Of(list);
    }

    /// <summary><paramref name="b"/> without the range and set values that <paramref name="a"/> also has.</summary>
    public static ResourceSet DisjointFrom(ResourceSet b, ResourceSet a)
    {
        var aNonScalar = a.Where(r => r.Type != ResourceType.Scalar);
        return b.Where(r => r.Type == ResourceType.Scalar)
            + b.Where(r => r.Type != ResourceType.Scalar).SubtractAvailable(aNonScalar);
    }

    public static ValueRanges NextRanges(Random random)
    {
        var ranges = new List<ValueRange>();
        var n = random.Next(0, 4);
        for (var i = 0; i < n; i++)
        {
            var begin = (ulong)random.Next(0, 100);
            ranges.Add(new ValueRange(begin, begin + (ulong)random.Next(0, 10)));
        }

        return ValueRanges.Of(ranges);
    }

    private static ValueSet NextSet(Random random) =>
        ValueSet.Of(new[] { "a", "b", "c", "d" }.Where(_ => random.Next(2) == 0));

    private static Reservation? NextReservation(Random random, bool allowDynamic)
    {
        var role = Roles[random.Next(Roles.Length)];
        if (role == "*")
        {
            return null;
        }

        return allowDynamic && random.Next(3) == 0
            ? Reservation.Dynamic(role, random.Next(2) == 0 ? "alice" : null)
            : Reservation.Static(role);
    }
}
