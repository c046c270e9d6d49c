namespace Regatta.Resources.Tests;

public sealed class ResourceTextTests
{
    [Fact]
    public void Parse_MesosExample_ReadsEveryResource()
    {
        var set = ResourceText.Parse("cpus:4;mem:4096;ports(*):[31000-32000];cpus(web):2;disk:100;bugs(debug_role):{a,b,c}");

        Assert.Equal(6, set.Scalar("cpus"));
        Assert.Equal(4, set.Unreserved.Scalar("cpus"));
        Assert.Equal(2, set.ReservedTo("web").Scalar("cpus"));
        Assert.Equal(4096, set.Scalar("mem"));
        Assert.Equal(100, set.Scalar("disk"));
        Assert.Equal(ValueRanges.Single(31000, 32000), set.Ranges("ports"));
        Assert.Equal(ValueSet.Of("a", "b", "c"), set.Set("bugs"));
        var bugs = Assert.Single(set, r => r.Name == "bugs");
        Assert.Equal(Reservation.Static("debug_role"), bugs.Reservation);
    }

    [Fact]
    public void Parse_SeveralRangesWithSpaces_CoalescesAndSorts()
    {
        var set = ResourceText.Parse("ports:[30000-34000, 21000-24000,24001-24005]");

        Assert.Equal(ValueRanges.Of(new ValueRange(21000, 24005), new ValueRange(30000, 34000)), set.Ranges("ports"));
    }

    [Fact]
    public void Parse_DefaultRole_ReservesUnnamedResourcesStatically()
    {
        var set = ResourceText.Parse("cpus:2;mem(*):64", defaultRole: "ads");

        Assert.Equal(2, set.ReservedTo("ads").Scalar("cpus"));
        Assert.Equal(64, set.Unreserved.Scalar("mem"));
    }

    [Fact]
    public void Parse_SameResourceTwice_Merges()
    {
        Assert.Equal(ResourceText.Parse("cpus:3"), ResourceText.Parse("cpus:1;cpus:2;"));
    }

    [Fact]
    public void Parse_ScalarPrecision_KeepsThreeDecimals()
    {
        var set = ResourceText.Parse("cpus:0.1;cpus:0.2");

        Assert.Equal(ResourceText.Parse("cpus:0.3"), set);
        Assert.Equal(ResourceText.Parse("cpus:1.001"), ResourceText.Parse("cpus:1.0012"));
        Assert.Equal("cpus:0.3", set.ToText());
    }

    [Fact]
    public void Parse_EmptyText_GivesEmptySet()
    {
        Assert.True(ResourceText.Parse("  ").IsEmpty);
    }

    [Theory]
    [InlineData("cpus", "cpus", "expected 'name:value'")]
    [InlineData("cpus:-1", "cpus:-1", "must not be negative")]
    [InlineData("cpus:abc", "cpus:abc", "'abc' is not a number")]
    [InlineData("cpus:NaN", "cpus:NaN", "is not a number")]
    [InlineData("mem:", "mem:", "value is empty")]
    [InlineData(":4", ":4", "name is empty")]
    [InlineData("ports:[5-1]", "ports:[5-1]", "begin greater than end")]
    [InlineData("ports:[1-2", "ports:[1-2", "ranges must look like")]
    [InlineData("ports:[a-b]", "ports:[a-b]", "non-negative integers")]
    [InlineData("bugs:{a,,b}", "bugs:{a,,b}", "empty item")]
    [InlineData("cpus(web:2", "cpus(web:2", "missing ')'")]
    [InlineData("cpus(web)2", "cpus(web)2", "expected ':'")]
    [InlineData("cpus(/web):2", "cpus(/web):2", "must not start or end with '/'")]
    [InlineData("cpus(a b):2", "cpus(a b):2", "whitespace")]
    [InlineData("cpus:1;cpus:[1-2]", "cpus:[1-2]", "one name must keep one type")]
    public void Parse_BadText_ThrowsNamingTokenAndRule(string text, string token, string rule)
    {
        var e = Assert.Throws<ResourceFormatException>(() => ResourceText.Parse(text));

        Assert.Contains($"'{token}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Json_ReadsScalarsRangesSetsAndReservations()
    {
        var json = """
            [{"name":"cpus","type":"SCALAR","scalar":{"value":4},"role":"*"},
             {"name":"cpus","type":"SCALAR","scalar":{"value":2},"reservations":[{"type":"STATIC","role":"web"}]},
             {"name":"mem","type":"SCALAR","scalar":{"value":512},"reservations":[{"type":"DYNAMIC","role":"web","principal":"ops"}]},
             {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":"32000"}]}},
             {"name":"bugs","type":"SET","set":{"item":["b","a"]},"role":"debug","unknown_key":1}]
            """;

        var set = ResourceText.Parse(json);

        var expected = ResourceSet.Of(
            Resource.CreateScalar("cpus", 4),
            Resource.CreateScalar("cpus", 2, "web"),
            Resource.CreateScalar("mem", 512, Reservation.Dynamic("web", "ops")),
            Resource.CreateRanges("ports", ValueRanges.Single(31000, 32000)),
            Resource.CreateSet("bugs", ValueSet.Of("a", "b"), "debug"));
        Assert.Equal(expected, set);
    }

    [Theory]
    [InlineData("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":-1}}]", "'cpus'", "non-negative")]
    [InlineData("[{\"name\":\"cpus\",\"type\":\"SCALAR\"}]", "'cpus'", "'scalar' value field")]
    [InlineData("[{\"name\":\"cpus\",\"scalar\":{\"value\":1}}]", "'cpus'", "'type' is required")]
    [InlineData("[{\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}]", "resource #0", "'name' is required")]
    [InlineData("[{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":5,\"end\":1}]}}]", "'ports'", "greater than end")]
    [InlineData("[{\"name\":\"cpus\",\"type\":\"BOGUS\",\"scalar\":{\"value\":1}}]", "'cpus'", "BOGUS")]
    [InlineData("[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},\"reservations\":[{\"type\":\"STATIC\",\"role\":\"a\"},{\"type\":\"DYNAMIC\",\"role\":\"a/b\"}]}]", "'cpus'", "refinement")]
    [InlineData("[1]", "resource #0", "must be a JSON object")]
    [InlineData("[{\"name\":", "resources JSON", "not valid")]
    public void Parse_BadJson_ThrowsNamingResourceAndRule(string json, string what, string rule)
    {
        var e = Assert.Throws<ResourceFormatException>(() => ResourceText.Parse(json));

        Assert.Contains(what, e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BadInput_ReturnsFalseWithMessage()
    {
        Assert.False(ResourceText.TryParse("cpus:x", out var set, out var error));
        Assert.True(set.IsEmpty);
        Assert.Contains("cpus:x", error, StringComparison.Ordinal);
        Assert.True(ResourceText.TryParse("cpus:1", out set));
        Assert.Equal(1, set.Scalar("cpus"));
    }
}
