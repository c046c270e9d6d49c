using Regatta.Resources;
using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class AgentAttributeTests
{
    [Theory]
    [InlineData(0.80, "0.8")]
    [InlineData(2.0, "2")]
    [InlineData(1.23456, "1.235")]
    [InlineData(0.0005, "0")]
    [InlineData(0.0015, "0.002")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(1234567.5, "1234567.5")]
    public void FormatScalar_ThreeDecimalsHalfEven(double value, string expected)
    {
        Assert.Equal(expected, AgentAttribute.FormatScalar(value));
    }

    [Fact]
    public void OfRanges_SortsByBegin()
    {
        Assert.Equal("[1-2,5-9,31000-32000]", AgentAttribute.OfRanges([(31000, 32000), (5, 9), (1, 2)]).Text);
    }

    [Fact]
    public void OfSet_SortsItems()
    {
        Assert.Equal("{a,b,c}", AgentAttribute.OfSet(["c", "a", "b"]).Text);
    }

    [Fact]
    public void From_ResourcesAttributes_ConvertsEveryKind()
    {
        var attributes = AttributeText.Parse("rack:r1;level:3.50;slots:[1-2,5-6]");
        var agent = AgentView.From("S1", "h1", attributes, region: "eu", zone: "eu-1");

        Assert.Equal("r1", agent.ValueOf("rack"));
        Assert.Equal("3.5", agent.ValueOf("level"));
        Assert.Equal(AgentAttributeType.Scalar, agent.Attributes["level"].Type);
        Assert.Equal("[1-2,5-6]", agent.ValueOf("slots"));
        Assert.Equal("h1", agent.ValueOf("hostname"));
        Assert.Equal("h1", agent.ValueOf("@hostname"));
        Assert.Equal("eu", agent.ValueOf("@region"));
        Assert.Equal("eu-1", agent.ValueOf("@zone"));
        Assert.Null(agent.ValueOf("missing"));
    }
}
