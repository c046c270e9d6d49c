using System.Collections;
using System.Collections.Immutable;
using System.Text;

namespace Regatta.Resources;

/// <summary>
/// An immutable set of unsigned integers stored as sorted, coalesced inclusive ranges
/// (adjacent ranges merge, so [1-2] ∪ [3-4] = [1-4]). Equality is set equality.
/// </summary>
public sealed class ValueRanges : IReadOnlyList<ValueRange>, IEquatable<ValueRanges>
{
    private readonly ImmutableArray<ValueRange> _ranges;

    private ValueRanges(ImmutableArray<ValueRange> normalized) => _ranges = normalized;

    public static ValueRanges Empty { get; } = new(ImmutableArray<ValueRange>.Empty);

    public int Count => _ranges.Length;

    public bool IsEmpty => _ranges.IsEmpty;

    /// <summary>Number of integers covered, saturating at <see cref="ulong.MaxValue"/>.</summary>
    public ulong ValueCount
    {
        get
        {
            ulong total = 0;
            foreach (var r in _ranges)
            {
                var size = r.End - r.Begin;
                if (size == ulong.MaxValue || ulong.MaxValue - total < size + 1)
                {
                    return ulong.MaxValue;
                }

                total += size + 1;
            }

            return total;
        }
    }

    public ValueRange this[int index] => _ranges[index];

    public static ValueRanges Of(params ValueRange[] ranges) => Of((IEnumerable<ValueRange>)ranges);

    public static ValueRanges Of(IEnumerable<ValueRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Begin).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }

        var builder = ImmutableArray.CreateBuilder<ValueRange>(sorted.Count);
        foreach (var r in sorted)
        {
            Append(builder, r);
        }

        return new ValueRanges(builder.ToImmutable());
    }

    public static ValueRanges Single(ulong begin, ulong end) => new([new ValueRange(begin, end)]);

    public bool Contains(ulong value)
    {
        var i = FindFirstEndingAtOrAfter(value);
        return i < _ranges.Length && _ranges[i].Begin <= value;
    }

    /// <summary>True when every value of <paramref name="other"/> is in this set.</summary>
    public bool Contains(ValueRanges other)
    {
        var i = 0;
        foreach (var r in other._ranges)
        {
            // Coalesced ranges: a contained range lies inside exactly one of ours.
            while (i < _ranges.Length && _ranges[i].End < r.Begin)
            {
                i++;
            }

            if (i == _ranges.Length || _ranges[i].Begin > r.Begin || _ranges[i].End < r.End)
            {
                return false;
            }
        }

        return true;
    }

    public ValueRanges Union(ValueRanges other)
    {
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var builder = ImmutableArray.CreateBuilder<ValueRange>(_ranges.Length + other._ranges.Length);
        int i = 0, j = 0;
        while (i < _ranges.Length || j < other._ranges.Length)
        {
            var next = j == other._ranges.Length || (i < _ranges.Length && _ranges[i].Begin <= other._ranges[j].Begin)
                ? _ranges[i++]
                : other._ranges[j++];
            Append(builder, next);
        }

        return new ValueRanges(builder.ToImmutable());
    }

    /// <summary>Removes the values of <paramref name="other"/>; values not present are ignored.</summary>
    public ValueRanges Subtract(ValueRanges other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var builder = ImmutableArray.CreateBuilder<ValueRange>(_ranges.Length + other._ranges.Length);
        var j = 0;
        foreach (var r in _ranges)
        {
            var begin = r.Begin;
            var end = r.End;
            var alive = true;
            while (j < other._ranges.Length && other._ranges[j].End < begin)
            {
                j++;
            }

            var k = j;
            while (alive && k < other._ranges.Length && other._ranges[k].Begin <= end)
            {
                var cut = other._ranges[k];
                if (cut.Begin > begin)
                {
                    builder.Add(new ValueRange(begin, cut.Begin - 1));
                }

                if (cut.End >= end)
                {
                    alive = false;
                }
                else
                {
                    begin = Math.Max(begin, cut.End + 1);
                    k++;
                }
            }

            if (alive)
            {
                builder.Add(new ValueRange(begin, end));
            }
        }

        return builder.Count == 0 ? Empty : new ValueRanges(builder.ToImmutable());
    }

    public ValueRanges Intersect(ValueRanges other) => Subtract(Subtract(other));

    public IEnumerator<ValueRange> GetEnumerator() => ((IEnumerable<ValueRange>)_ranges).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueRanges? other) =>
        other is not null && _ranges.AsSpan().SequenceEqual(other._ranges.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as ValueRanges);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <summary>Mesos's rendering: <c>[31000-32000, 33000-34000]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < _ranges.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_ranges[i].Begin).Append('-').Append(_ranges[i].End);
        }

        return sb.Append(']').ToString();
    }

    private static void Append(ImmutableArray<ValueRange>.Builder builder, ValueRange next)
    {
        if (builder.Count > 0)
        {
            var last = builder[^1];
            if (last.End == ulong.MaxValue || next.Begin <= last.End + 1)
            {
                if (next.End > last.End)
                {
                    builder[^1] = new ValueRange(last.Begin, next.End);
                }

                return;
            }
        }

        builder.Add(next);
    }

    private int FindFirstEndingAtOrAfter(ulong value)
    {
        int lo = 0, hi = _ranges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].End < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
