using System.Collections;
using System.Collections.Immutable;

namespace Regatta.Resources;

/// <summary>An agent's attributes in declaration order (order is kept: Mesos renders them as given). Value equality.</summary>
public sealed class Attributes : IReadOnlyList<AttributeValue>, IEquatable<Attributes>
{
    private readonly ImmutableArray<AttributeValue> _items;

    private Attributes(ImmutableArray<AttributeValue> items) => _items = items;

    public static Attributes Empty { get; } = new(ImmutableArray<AttributeValue>.Empty);

    public int Count => _items.Length;

    public bool IsEmpty => _items.IsEmpty;

    public AttributeValue this[int index] => _items[index];

    public static Attributes Of(params AttributeValue[] items) => Of((IEnumerable<AttributeValue>)items);

    public static Attributes Of(IEnumerable<AttributeValue> items)
    {
        var array = items.ToImmutableArray();
        return array.IsEmpty ? Empty : new Attributes(array);
    }

    /// <summary>The first attribute called <paramref name="name"/>, or null.</summary>
    public AttributeValue? Get(string name)
    {
        foreach (var a in _items)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary><c>rack:r1;level:3</c></summary>
    public string ToText() => string.Join(";", _items.Select(a => a.ToString()));

    public override string ToString() => ToText();

    /// <summary>Legacy JSON rendering <c>{"rack":"r1","level":3}</c>; later duplicates win as in Mesos.</summary>
    public IReadOnlyDictionary<string, object> ToFlatJsonValues()
    {
        var result = new OrderedDictionary<string, object>();
        foreach (var a in _items)
        {
            result[a.Name] = a.FlatJsonValue;
        }

        return result;
    }

    public IEnumerator<AttributeValue> GetEnumerator() => ((IEnumerable<AttributeValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Attributes? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as Attributes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var a in _items)
        {
            hash.Add(a);
        }

        return hash.ToHashCode();
    }
}
