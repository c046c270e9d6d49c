namespace Regatta.Resources.Tests;

public sealed class ValueRangesTests
{
    [Fact]
    public void Of_OverlappingAndAdjacent_Coalesces()
    {
        var ranges = ValueRanges.Of(new ValueRange(10, 20), new ValueRange(1, 5), new ValueRange(6, 8), new ValueRange(15, 25));

        Assert.Equal([new ValueRange(1, 8), new ValueRange(10, 25)], ranges.ToArray());
        Assert.Equal(24UL, ranges.ValueCount);
    }

    [Fact]
    public void Subtract_Middle_SplitsRange()
    {
        var rest = ValueRanges.Single(1, 10).Subtract(ValueRanges.Of(new ValueRange(3, 4), new ValueRange(8, 12)));

        Assert.Equal("[1-2, 5-7]", rest.ToString());
    }

    [Fact]
    public void Union_AtMaxValue_DoesNotOverflow()
    {
        var ranges = ValueRanges.Single(ulong.MaxValue - 1, ulong.MaxValue).Union(ValueRanges.Single(0, ulong.MaxValue - 2));

        Assert.Equal(ValueRanges.Single(0, ulong.MaxValue), ranges);
        Assert.Equal(ulong.MaxValue, ranges.ValueCount);
    }

    [Fact]
    public void Laws_RandomRanges_UnionSubtractContainsAgree() => Property.ForAll(3000, random =>
    {
        var a = RandomResources.NextRanges(random);
        var b = RandomResources.NextRanges(random);
        var union = a.Union(b);
        Assert.True(union.Contains(a) && union.Contains(b));
        Assert.Equal(union, b.Union(a));
        Assert.Equal(a.Subtract(b).Union(a.Intersect(b)), a);
        for (ulong v = 0; v < 110; v++)
        {
            Assert.Equal(a.Contains(v) && !b.Contains(v), a.Subtract(b).Contains(v));
            Assert.Equal(a.Contains(v) || b.Contains(v), union.Contains(v));
        }
    });
}
