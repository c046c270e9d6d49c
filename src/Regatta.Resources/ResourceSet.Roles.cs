namespace Regatta.Resources;

public sealed partial class ResourceSet
{
    /// <summary>Resources not reserved to any role.</summary>
    public ResourceSet Unreserved => Where(r => r.Reservation is null);

    /// <summary>Resources reserved to any role.</summary>
    public ResourceSet Reserved => Where(r => r.Reservation is not null);

    /// <summary>Resources reserved to exactly <paramref name="role"/> (static or dynamic); <c>"*"</c> gives the unreserved ones.</summary>
    public ResourceSet ReservedTo(string role) => Where(r => r.Role == role);

    /// <summary>What a framework in <paramref name="role"/> may be offered: unreserved plus reserved to that role.</summary>
    public ResourceSet AllocatableTo(string role) => Where(r => r.Reservation is null || r.Reservation.Role == role);

    /// <summary>Splits by role (<c>"*"</c> for unreserved); the sum of the parts is this set.</summary>
    public IReadOnlyDictionary<string, ResourceSet> ByRole()
    {
        var groups = new SortedDictionary<string, List<Resource>>(StringComparer.Ordinal);
        foreach (var r in _items)
        {
            if (!groups.TryGetValue(r.Role, out var list))
            {
                list = [];
                groups.Add(r.Role, list);
            }

            list.Add(r);
        }

        var result = new SortedDictionary<string, ResourceSet>(StringComparer.Ordinal);
        foreach (var (role, list) in groups)
        {
            result.Add(role, Of(list));
        }

        return result;
    }

    /// <summary>Same quantities with every reservation removed (what an UNRESERVE of everything would leave).</summary>
    public ResourceSet WithoutReservations() => Of(_items.Select(r => r.WithReservation(null)));
}
