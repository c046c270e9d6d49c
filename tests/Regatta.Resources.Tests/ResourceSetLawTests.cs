namespace Regatta.Resources.Tests;

public sealed class ResourceSetLawTests
{
    private const int Iterations = 2000;

    [Fact]
    public void Add_AnyTwoSets_IsCommutative() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        Assert.Equal(a + b, b + a);
    });

    [Fact]
    public void Add_AnyThreeSets_IsAssociative() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        var c = RandomResources.Next(random);
        Assert.Equal((a + b) + c, a + (b + c));
    });

    [Fact]
    public void Subtract_AfterAdding_GivesOriginal() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        // Ranges and sets are sets, not multisets: the law needs b's values to be disjoint from a's.
        var b = RandomResources.DisjointFrom(RandomResources.Next(random), a);
        Assert.Equal(a, (a + b) - b);
    });

    [Fact]
    public void Contains_SumContainsEachPart() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        Assert.True((a + b).Contains(a), $"{a + b} should contain {a}");
        Assert.True((a + b).Contains(b), $"{a + b} should contain {b}");
    });

    [Fact]
    public void Contains_IsReflexiveAndTransitive() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        var c = RandomResources.Next(random);
        Assert.True(a.Contains(a));
        var ab = a + b;
        var abc = ab + c;
        Assert.True(abc.Contains(ab) && ab.Contains(a) && abc.Contains(a));
        if (a.Contains(b) && b.Contains(c))
        {
            Assert.True(a.Contains(c));
        }
    });

    [Fact]
    public void TrySubtract_ContainedPart_AddsBackToOriginal() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        var total = a + b;
        Assert.True(total.TrySubtract(a, out var rest));
        Assert.Equal(total, rest + a);
        Assert.True(total.Contains(rest));
    });

    [Fact]
    public void TrySubtract_NotContained_ReturnsFalseAndOperatorThrows() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        if (a.Contains(b))
        {
            return;
        }

        Assert.False(a.TrySubtract(b, out var unchanged));
        Assert.Equal(a, unchanged);
        Assert.Throws<InvalidOperationException>(() => a - b);
    });

    [Fact]
    public void ByRole_SummedBack_GivesOriginal() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var sum = a.ByRole().Values.Aggregate(ResourceSet.Empty, (x, y) => x + y);
        Assert.Equal(a, sum);
        Assert.Equal(a, a.Unreserved + a.Reserved);
        foreach (var (role, part) in a.ByRole())
        {
            Assert.All(part, r => Assert.Equal(role, r.Role));
        }
    });

    [Fact]
    public void AllocatableTo_IsUnreservedPlusOwnReservations() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        Assert.Equal(a.Unreserved + a.ReservedTo("web"), a.AllocatableTo("web"));
        Assert.DoesNotContain(a.AllocatableTo("web"), r => r.Role is "ads" or "eng/backend");
    });

    [Fact]
    public void Parse_OfToText_GivesOriginal() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random, allowDynamic: false);
        Assert.Equal(a, ResourceText.Parse(a.ToText()));
    });

    [Fact]
    public void Parse_OfToJson_GivesOriginalIncludingDynamicReservations() => Property.ForAll(500, random =>
    {
        var a = RandomResources.Next(random);
        Assert.Equal(a, ResourceText.Parse(ResourceText.ToJson(a)));
    });

    [Fact]
    public void FromProto_OfToProto_GivesOriginal() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        Assert.Equal(a, ResourceWire.FromProto(ResourceWire.ToProto(a)));
    });

    [Fact]
    public void Scalar_OfSum_IsSumOfScalars() => Property.ForAll(Iterations, random =>
    {
        var a = RandomResources.Next(random);
        var b = RandomResources.Next(random);
        Assert.Equal(a.Scalar("cpus") + b.Scalar("cpus"), (a + b).Scalar("cpus"), 3);
        Assert.Equal(a.Ranges("ports").Union(b.Ranges("ports")), (a + b).Ranges("ports"));
    });
}
