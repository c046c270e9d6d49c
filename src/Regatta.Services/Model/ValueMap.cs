using System.Collections;
using System.Collections.Immutable;

namespace Regatta.Services.Model;

/// <summary>
/// An immutable string-to-string map (labels, env) with value equality. Keys are kept in ordinal order, which
/// is also the order in which they are written to JSON, so output is deterministic.
/// </summary>
internal readonly struct ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private static readonly ImmutableSortedDictionary<string, string> EmptyMap =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, string>? map;

    public ValueMap(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            builder[key] = value;
        }

        map = builder.ToImmutable();
    }

    public static ValueMap Empty => default;

    private ImmutableSortedDictionary<string, string> Map => map ?? EmptyMap;

    public int Count => map?.Count ?? 0;

    public bool IsEmpty => Count == 0;

    public IEnumerable<string> Keys => Map.Keys;

    public IEnumerable<string> Values => Map.Values;

    public string this[string key] => Map[key];

    public bool ContainsKey(string key) => Map.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => Map.TryGetValue(key, out value!);

    public ValueMap SetItem(string key, string value) => new(Map.SetItem(key, value));

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        foreach (var (key, value) in Map)
        {
            if (!other.TryGetValue(key, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ValueMap other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in Map)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ValueMap left, ValueMap right) => left.Equals(right);

    public static bool operator !=(ValueMap left, ValueMap right) => !left.Equals(right);

    public override string ToString() => "{" + string.Join(", ", Map.Select(p => p.Key + "=" + p.Value)) + "}";
}
