namespace Regatta.Resources;

/// <summary>An inclusive range of unsigned integers, e.g. ports 31000-32000.</summary>
public readonly record struct ValueRange
{
    public ValueRange(ulong begin, ulong end)
    {
        if (begin > end)
        {
            throw new ArgumentException($"range begin {begin} is greater than end {end}", nameof(begin));
        }

        Begin = begin;
        End = end;
    }

    public ulong Begin { get; }

    public ulong End { get; }

    public bool Contains(ulong value) => value >= Begin && value <= End;

    public override string ToString() => $"{Begin}-{End}";
}
