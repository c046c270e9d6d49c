using System.Collections;
using System.Collections.Immutable;

namespace Regatta.Resources;

/// <summary>An immutable, ordinally sorted set of strings with value equality (Mesos <c>Value.Set</c>).</summary>
public sealed class ValueSet : IReadOnlyList<string>, IEquatable<ValueSet>
{
    private readonly ImmutableArray<string> _items;

    private ValueSet(ImmutableArray<string> sortedDistinct) => _items = sortedDistinct;

    public static ValueSet Empty { get; } = new(ImmutableArray<string>.Empty);

    public int Count => _items.Length;

    public bool IsEmpty => _items.IsEmpty;

    public string this[int index] => _items[index];

    public static ValueSet Of(params string[] items) => Of((IEnumerable<string>)items);

    public static ValueSet Of(IEnumerable<string> items)
    {
        var array = items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        foreach (var item in array)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return array.IsEmpty ? Empty : new ValueSet(array);
    }

    public bool Contains(string item) => _items.BinarySearch(item, StringComparer.Ordinal) >= 0;

    public bool Contains(ValueSet other) => other._items.All(Contains);

    public ValueSet Union(ValueSet other) =>
        other.IsEmpty ? this : IsEmpty ? other : Of(_items.Concat(other._items));

    public ValueSet Subtract(ValueSet other) =>
        other.IsEmpty || IsEmpty ? this : Of(_items.Where(i => !other.Contains(i)));

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueSet? other) =>
        other is not null && _items.SequenceEqual(other._items, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ValueSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Rendered as <c>{a,b,c}</c>, the form the <c>--resources</c> flag and legacy endpoints use.</summary>
    public override string ToString() => "{" + string.Join(",", _items) + "}";
}
