namespace Regatta.Resources;

public sealed partial class ResourceSet
{
    private static readonly string[] AlwaysPresentScalars = ["cpus", "disk", "gpus", "mem"];

    /// <summary>
    /// Mesos <c>--resources</c> text form, e.g. <c>cpus:4;mem:4096;ports:[31000-32000];cpus(web):2</c>.
    /// Static reservations and unreserved resources round-trip through <see cref="ResourceText.Parse"/>;
    /// dynamic reservations render as Mesos prints them and need the JSON form to round-trip.
    /// </summary>
    public string ToText() => string.Join(";", _items.Select(r => r.ToText()));

    public override string ToString() => IsEmpty ? "{}" : ToText();

    /// <summary>
    /// The flat rendering of Mesos's legacy JSON endpoints (<c>/master/state</c>): name → value, keys sorted,
    /// <c>cpus</c>, <c>disk</c>, <c>gpus</c>, <c>mem</c> always present; scalars summed over roles as doubles,
    /// ranges as <c>"[a-b, c-d]"</c>, sets as <c>"{a,b}"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToFlatJsonValues()
    {
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in AlwaysPresentScalars)
        {
            values[name] = 0.0;
        }

        foreach (var r in _items)
        {
            switch (r.Type)
            {
                case ResourceType.Scalar:
                    values[r.Name] = Scalar(r.Name);
                    break;
                case ResourceType.Ranges:
                    values[r.Name] = Ranges(r.Name).ToString();
                    break;
                default:
                    values[r.Name] = Set(r.Name).ToString();
                    break;
            }
        }

        // An ordered copy so serializers that honour insertion order emit keys sorted, as Mesos does.
        var ordered = new OrderedDictionary<string, object>(values.Count);
        foreach (var (key, value) in values)
        {
            ordered.Add(key, value);
        }

        return ordered;
    }
}
