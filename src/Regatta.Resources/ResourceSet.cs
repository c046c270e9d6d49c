using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Regatta.Resources;

/// <summary>
/// An immutable bag of resources with value equality. Entries of the same name, type and reservation merge
/// (scalars add, ranges and sets union); empty entries are dropped, so equal quantities compare equal.
/// </summary>
public sealed partial class ResourceSet : IReadOnlyCollection<Resource>, IEquatable<ResourceSet>
{
    // Sorted by ResourceKeyComparer with unique keys: every binary operation is a linear merge.
    private readonly ImmutableArray<Resource> _items;
    private int _hash;

    private ResourceSet(ImmutableArray<Resource> normalized) => _items = normalized;

    public static ResourceSet Empty { get; } = new(ImmutableArray<Resource>.Empty);

    public int Count => _items.Length;

    public bool IsEmpty => _items.IsEmpty;

    /// <summary>Distinct resource names, ordinally sorted.</summary>
    public IReadOnlyList<string> Names => _items.Select(r => r.Name).Distinct().ToList();

    public static ResourceSet Of(params Resource[] resources) => Of((IEnumerable<Resource>)resources);

    public static ResourceSet Of(IEnumerable<Resource> resources)
    {
        var sorted = resources.Where(r => !r.IsEmpty).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }

        sorted.Sort(ResourceKeyComparer.Instance);
        var builder = ImmutableArray.CreateBuilder<Resource>(sorted.Count);
        foreach (var r in sorted)
        {
            if (builder.Count > 0 && builder[^1].IsSameKind(r))
            {
                builder[^1] = Merge(builder[^1], r);
            }
            else
            {
                builder.Add(r);
            }
        }

        return new ResourceSet(builder.ToImmutable());
    }

    public static ResourceSet operator +(ResourceSet left, ResourceSet right) => left.Add(right);

    /// <summary>Subtracts <paramref name="right"/>; throws when <paramref name="left"/> does not contain it.</summary>
    public static ResourceSet operator -(ResourceSet left, ResourceSet right) =>
        left.TrySubtract(right, out var result)
            ? result
            : throw new InvalidOperationException($"cannot subtract {right} from {left}: not contained");

    public static bool operator ==(ResourceSet? left, ResourceSet? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(ResourceSet? left, ResourceSet? right) => !(left == right);

    public ResourceSet Add(ResourceSet other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var buffer = new Resource[_items.Length + other._items.Length];
        int i = 0, j = 0, n = 0;
        while (i < _items.Length && j < other._items.Length)
        {
            var c = ResourceKeyComparer.Instance.Compare(_items[i], other._items[j]);
            if (c < 0)
            {
                buffer[n++] = _items[i++];
            }
            else if (c > 0)
            {
                buffer[n++] = other._items[j++];
            }
            else
            {
                buffer[n++] = Merge(_items[i++], other._items[j++]);
            }
        }

        while (i < _items.Length)
        {
            buffer[n++] = _items[i++];
        }

        while (j < other._items.Length)
        {
            buffer[n++] = other._items[j++];
        }

        return Wrap(buffer, n);
    }

    /// <summary>True when every resource of <paramref name="other"/> is present here in at least that quantity, under the same reservation.</summary>
    public bool Contains(ResourceSet other)
    {
        var i = 0;
        foreach (var r in other._items)
        {
            while (i < _items.Length && ResourceKeyComparer.Instance.Compare(_items[i], r) < 0)
            {
                i++;
            }

            if (i == _items.Length || !_items[i].IsSameKind(r) || !Covers(_items[i], r))
            {
                return false;
            }
        }

        return true;
    }

    public bool Contains(Resource resource) => Contains(Of(resource));

    /// <summary>Subtracts when contained; otherwise returns false and leaves <paramref name="result"/> equal to this set.</summary>
    public bool TrySubtract(ResourceSet other, out ResourceSet result)
    {
        if (!Contains(other))
        {
            result = this;
            return false;
        }

        result = SubtractContained(other);
        return true;
    }

    /// <summary>Subtracts what is present and ignores the rest (a saturating difference, never throws).</summary>
    public ResourceSet SubtractAvailable(ResourceSet other) => SubtractContained(other);

    /// <summary>Sum of the scalar resource <paramref name="name"/> over all reservations.</summary>
    public double Scalar(string name)
    {
        long milli = 0;
        foreach (var r in _items)
        {
            if (r.Type == ResourceType.Scalar && r.Name == name)
            {
                milli += r.ScalarMilli;
            }
        }

        return milli / 1000.0;
    }

    /// <summary>Union of the ranges resource <paramref name="name"/> over all reservations.</summary>
    public ValueRanges Ranges(string name)
    {
        var result = ValueRanges.Empty;
        foreach (var r in _items)
        {
            if (r.Type == ResourceType.Ranges && r.Name == name)
            {
                result = result.Union(r.Ranges);
            }
        }

        return result;
    }

    /// <summary>Union of the set resource <paramref name="name"/> over all reservations.</summary>
    public ValueSet Set(string name)
    {
        var result = ValueSet.Empty;
        foreach (var r in _items)
        {
            if (r.Type == ResourceType.Set && r.Name == name)
            {
                result = result.Union(r.Set);
            }
        }

        return result;
    }

    /// <summary>Scalar totals by name, over all reservations.</summary>
    public IReadOnlyDictionary<string, double> ScalarTotals()
    {
        var totals = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in _items)
        {
            if (r.Type == ResourceType.Scalar)
            {
                totals[r.Name] = totals.GetValueOrDefault(r.Name) + r.Scalar;
            }
        }

        return totals;
    }

    public ResourceSet Where(Func<Resource, bool> predicate)
    {
        // Scan first: the common cases (everything or nothing passes) allocate nothing.
        var firstRejected = -1;
        var passed = 0;
        for (var i = 0; i < _items.Length; i++)
        {
            if (predicate(_items[i]))
            {
                passed++;
            }
            else if (firstRejected < 0)
            {
                firstRejected = i;
            }
        }

        if (firstRejected < 0)
        {
            return this;
        }

        if (passed == 0)
        {
            return Empty;
        }

        var buffer = new Resource[passed];
        var n = 0;
        foreach (var r in _items)
        {
            if (predicate(r))
            {
                buffer[n++] = r;
            }
        }

        return Wrap(buffer, n);
    }

    public ImmutableArray<Resource>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<Resource> IEnumerable<Resource>.GetEnumerator() => ((IEnumerable<Resource>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    public bool Equals(ResourceSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length || other.GetHashCode() != GetHashCode())
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ResourceSet);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            foreach (var r in _items)
            {
                hash.Add(r);
            }

            var value = hash.ToHashCode();
            _hash = value == 0 ? 1 : value;
        }

        return _hash;
    }

    private static Resource Merge(Resource a, Resource b) => a.Type switch
    {
        ResourceType.Scalar => Resource.FromMilli(a, a.ScalarMilli + b.ScalarMilli),
        ResourceType.Ranges => Resource.WithValues(a, a.Ranges.Union(b.Ranges), ValueSet.Empty),
        _ => Resource.WithValues(a, ValueRanges.Empty, a.Set.Union(b.Set)),
    };

    private static bool Covers(Resource have, Resource want) => have.Type switch
    {
        ResourceType.Scalar => have.ScalarMilli >= want.ScalarMilli,
        ResourceType.Ranges => have.Ranges.Contains(want.Ranges),
        _ => have.Set.Contains(want.Set),
    };

    private static Resource? Minus(Resource have, Resource take)
    {
        if (Covers(take, have))
        {
            // Everything goes: skip building an empty resource only to drop it.
            return null;
        }

        var result = have.Type switch
        {
            ResourceType.Scalar => Resource.FromMilli(have, Math.Max(0, have.ScalarMilli - take.ScalarMilli)),
            ResourceType.Ranges => Resource.WithValues(have, have.Ranges.Subtract(take.Ranges), ValueSet.Empty),
            _ => Resource.WithValues(have, ValueRanges.Empty, have.Set.Subtract(take.Set)),
        };
        return result.IsEmpty ? null : result;
    }

    private ResourceSet SubtractContained(ResourceSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        Resource[]? buffer = null;
        int j = 0, n = 0;
        for (var i = 0; i < _items.Length; i++)
        {
            var r = _items[i];
            while (j < other._items.Length && ResourceKeyComparer.Instance.Compare(other._items[j], r) < 0)
            {
                j++;
            }

            var kept = j < other._items.Length && other._items[j].IsSameKind(r) ? Minus(r, other._items[j]) : r;
            if (buffer is null)
            {
                if (ReferenceEquals(kept, r))
                {
                    continue;
                }

                // First change: copy the unchanged prefix.
                buffer = new Resource[_items.Length];
                for (var k = 0; k < i; k++)
                {
                    buffer[n++] = _items[k];
                }
            }

            if (kept is not null)
            {
                buffer[n++] = kept;
            }
        }

        return buffer is null ? this : Wrap(buffer, n);
    }

    private static ResourceSet Wrap(Resource[] buffer, int count)
    {
        if (count == 0)
        {
            return Empty;
        }

        if (count != buffer.Length)
        {
            Array.Resize(ref buffer, count);
        }

        return new ResourceSet(ImmutableCollectionsMarshal.AsImmutableArray(buffer));
    }
}
