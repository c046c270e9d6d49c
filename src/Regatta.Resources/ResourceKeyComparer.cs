namespace Regatta.Resources;

/// <summary>Orders resources by the key under which a <see cref="ResourceSet"/> merges them: name, type, reservation.</summary>
internal sealed class ResourceKeyComparer : IComparer<Resource>
{
    public static readonly ResourceKeyComparer Instance = new();

    public int Compare(Resource? x, Resource? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(x.Name, y.Name);
        if (c != 0)
        {
            return c;
        }

        c = x.Type.CompareTo(y.Type);
        return c != 0 ? c : CompareReservations(x.Reservation, y.Reservation);
    }

    private static int CompareReservations(Reservation? x, Reservation? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        var c = string.CompareOrdinal(x.Role, y.Role);
        if (c != 0)
        {
            return c;
        }

        c = x.Type.CompareTo(y.Type);
        return c != 0 ? c : string.CompareOrdinal(x.Principal, y.Principal);
    }
}
