namespace Regatta.Resources.Tests;

public sealed class ResourceSetTests
{
    private static ResourceSet R(string text) => ResourceText.Parse(text);

    [Fact]
    public void Add_SameNameRoleType_Merges()
    {
        var sum = R("cpus:1;ports:[1-5];bugs:{a}") + R("cpus:2.5;ports:[6-9];bugs:{b}");

        Assert.Equal(R("cpus:3.5;ports:[1-9];bugs:{a,b}"), sum);
        Assert.Equal(3, sum.Count);
    }

    [Fact]
    public void Add_DifferentRoles_KeepsSeparateEntries()
    {
        var sum = R("cpus:1") + R("cpus(web):2");

        Assert.Equal(2, sum.Count);
        Assert.Equal(3, sum.Scalar("cpus"));
    }

    [Fact]
    public void Subtract_NotContained_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => R("cpus:1") - R("cpus:2"));

        Assert.Contains("not contained", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subtract_ReservedFromUnreserved_IsNotContained()
    {
        Assert.False(R("cpus:4").Contains(R("cpus(web):1")));
        Assert.False(R("cpus:4").TrySubtract(R("cpus(web):1"), out _));
    }

    [Fact]
    public void Subtract_ToZero_DropsEntry()
    {
        var rest = R("cpus:1;mem:10;ports:[1-3]") - R("cpus:1;ports:[2-2]");

        Assert.Equal(R("mem:10;ports:[1-1,3-3]"), rest);
        Assert.DoesNotContain("cpus", rest.Names);
    }

    [Fact]
    public void Contains_RangesSplitAcrossGap_IsFalse()
    {
        Assert.False(R("ports:[1-3,5-9]").Contains(R("ports:[3-5]")));
        Assert.True(R("ports:[1-3,5-9]").Contains(R("ports:[5-7,1-1]")));
    }

    [Fact]
    public void Create_NegativeOrNaNScalar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resource.CreateScalar("cpus", -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resource.CreateScalar("cpus", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resource.CreateScalar("cpus", double.PositiveInfinity));
    }

    [Fact]
    public void Of_ZeroQuantities_IsEmpty()
    {
        var set = ResourceSet.Of(Resource.CreateScalar("cpus", 0), Resource.CreateRanges("ports", ValueRanges.Empty));

        Assert.True(set.IsEmpty);
        Assert.Equal(ResourceSet.Empty, set);
    }

    [Fact]
    public void ByRole_MixedRoles_GroupsByRole()
    {
        var byRole = R("cpus:4;cpus(web):2;mem(web):5;mem(ads):7").ByRole();

        Assert.Equal(["*", "ads", "web"], byRole.Keys.ToArray());
        Assert.Equal(R("cpus(web):2;mem(web):5"), byRole["web"]);
    }

    [Fact]
    public void AllocatableTo_Role_ExcludesOtherReservations()
    {
        var set = R("cpus:4;cpus(web):2;mem(ads):7");

        Assert.Equal(R("cpus:4;cpus(web):2"), set.AllocatableTo("web"));
        Assert.Equal(R("cpus:4"), set.AllocatableTo("other"));
        Assert.Equal(6, set.AllocatableTo("web").Scalar("cpus"));
    }

    [Fact]
    public void ToText_Mixed_UsesMesosForm()
    {
        Assert.Equal("cpus:4;cpus(web):2.5;mem:64;ports:[1-2, 5-6]", R("ports:[5-6,1-2];mem:64;cpus(web):2.5;cpus:4").ToText());
        Assert.Equal("{}", ResourceSet.Empty.ToString());
    }

    [Fact]
    public void ToFlatJsonValues_Mixed_SumsRolesAndAddsDefaults()
    {
        var flat = R("cpus:4;cpus(web):2;ports:[31000-32000];ports(web):[33000-34000];bugs:{b,a}").ToFlatJsonValues();

        Assert.Equal(["bugs", "cpus", "disk", "gpus", "mem", "ports"], flat.Keys.ToArray());
        Assert.Equal(6.0, flat["cpus"]);
        Assert.Equal(0.0, flat["mem"]);
        Assert.Equal("[31000-32000, 33000-34000]", flat["ports"]);
        Assert.Equal("{a,b}", flat["bugs"]);
    }

    [Fact]
    public void Equals_SameContentDifferentOrder_IsEqualWithSameHash()
    {
        var a = R("cpus:1;mem:2");
        var b = R("mem:2;cpus:1");

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, R("mem:2;cpus:1.001"));
    }
}
