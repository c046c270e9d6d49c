namespace Regatta.Resources.Tests;

public sealed class AttributeTextTests
{
    [Fact]
    public void Parse_MixedValues_InfersTypesAndKeepsOrder()
    {
        var attributes = AttributeText.Parse("rack:r1;zone:a;level:3;ports:[1-10];os:ubuntu16.04");

        Assert.Equal(["rack", "zone", "level", "ports", "os"], attributes.Select(a => a.Name).ToArray());
        Assert.Equal(AttributeValue.OfText("rack", "r1"), attributes[0]);
        Assert.Equal(AttributeValue.OfScalar("level", 3), attributes.Get("level"));
        Assert.Equal(AttributeValue.OfRanges("ports", ValueRanges.Single(1, 10)), attributes.Get("ports"));
        Assert.Equal(AttributeType.Text, attributes.Get("os")!.Type);
        Assert.Equal("rack:r1;zone:a;level:3;ports:[1-10];os:ubuntu16.04", attributes.ToText());
    }

    [Fact]
    public void ToFlatJsonValues_Mixed_RendersScalarsAsNumbers()
    {
        var flat = AttributeText.Parse("rack:r1;level:2").ToFlatJsonValues();

        Assert.Equal("r1", flat["rack"]);
        Assert.Equal(2.0, flat["level"]);
    }

    [Theory]
    [InlineData("rack", "'rack'", "expected 'name:value'")]
    [InlineData("rack:", "'rack:'", "value is empty")]
    [InlineData(":r1", "':r1'", "name is empty")]
    [InlineData("disks:{a,b}", "'disks:{a,b}'", "set values are not allowed")]
    [InlineData("ports:[3-1]", "'ports:[3-1]'", "begin greater than end")]
    public void Parse_BadText_ThrowsNamingTokenAndRule(string text, string token, string rule)
    {
        var e = Assert.Throws<ResourceFormatException>(() => AttributeText.Parse(text));

        Assert.Contains(token, e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProto_OfToProto_GivesOriginal()
    {
        var attributes = AttributeText.Parse("rack:r1;level:3.5;ports:[1-10,20-30]");

        Assert.Equal(attributes, AttributeWire.FromProto(AttributeWire.ToProto(attributes)));
    }

    [Fact]
    public void FromProto_SetAttribute_Throws()
    {
        var message = new Regatta.Protocol.V1.Attribute { Name = "s", Type = Regatta.Protocol.V1.Value.Types.Type.Set, Set = new() };

        var e = Assert.Throws<ResourceFormatException>(() => AttributeWire.FromProto([message]));
        Assert.Contains("'s'", e.Message, StringComparison.Ordinal);
    }
}
