using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class ConstraintParseTests
{
    [Theory]
    [InlineData(new[] { "hostname", "UNIQUE" }, "hostname", "UNIQUE", null, null)]
    [InlineData(new[] { "rack", "GROUP_BY", "3" }, "rack", "GROUP_BY", "3", 3)]
    [InlineData(new[] { "rack", "GROUP_BY" }, "rack", "GROUP_BY", null, null)]
    [InlineData(new[] { "hostname", "MAX_PER", "2" }, "hostname", "MAX_PER", "2", 2)]
    [InlineData(new[] { "zone", "LIKE", "us-.*" }, "zone", "LIKE", "us-.*", null)]
    [InlineData(new[] { "rack", "UNLIKE", "r[12]" }, "rack", "UNLIKE", "r[12]", null)]
    [InlineData(new[] { "hostname", "CLUSTER", "a.b" }, "hostname", "CLUSTER", "a.b", null)]
    [InlineData(new[] { "hostname", "CLUSTER" }, "hostname", "CLUSTER", null, null)]
    [InlineData(new[] { "rack", "IS", "r1" }, "rack", "IS", "r1", null)]
    [InlineData(new[] { "level", "IS", "1.5" }, "level", "IS", "1.5", null)]
    [InlineData(new[] { "@zone", "unique" }, "@zone", "UNIQUE", null, null)]
    public void TryParse_ValidForms_ParsesFieldOperatorValue(string[] parts, string field, string op, string? value, int? count)
    {
        Assert.True(Constraint.TryParse(parts, out var c, out var error), error);
        Assert.Null(error);
        Assert.Equal(field, c!.Field);
        Assert.Equal(op, Constraint.OperatorName(c.Operator));
        Assert.Equal(value, c.Value);
        Assert.Equal(count, c.Count);
    }

    [Theory]
    [InlineData(new[] { "hostname" }, "Each constraint must have either 2 or 3 fields")]
    [InlineData(new[] { "a", "UNIQUE", "b", "c" }, "Each constraint must have either 2 or 3 fields")]
    [InlineData(new[] { "hostname", "UNIQUE", "x" }, "UNIQUE does not accept a value")]
    [InlineData(new[] { "hostname", "MAX_PER" }, "MAX_PER requires an integer value")]
    [InlineData(new[] { "hostname", "MAX_PER", "two" }, "MAX_PER requires an integer value")]
    [InlineData(new[] { "hostname", "MAX_PER", "-1" }, "MAX_PER requires an integer value")]
    [InlineData(new[] { "rack", "GROUP_BY", "x" }, "GROUP BY must define an integer value or else no value at all")]
    [InlineData(new[] { "rack", "GROUP_BY", "1.5" }, "GROUP BY must define an integer value or else no value at all")]
    [InlineData(new[] { "zone", "LIKE" }, "LIKE and UNLIKE require a non-empty, regular expression value")]
    [InlineData(new[] { "zone", "UNLIKE", "" }, "LIKE and UNLIKE require a non-empty, regular expression value")]
    [InlineData(new[] { "zone", "LIKE", "us-[" }, "'us-[' is not a valid regular expression")]
    [InlineData(new[] { "zone", "LIKE", "a)|(b" }, "'a)|(b' is not a valid regular expression")]
    [InlineData(new[] { "rack", "IS" }, Constraint.IsValueMessage)]
    [InlineData(new[] { "rack", "IS", "r 1" }, Constraint.IsValueMessage)]
    [InlineData(new[] { "rack", "IN", "{a}" }, Constraint.OperatorListMessage)]
    [InlineData(new[] { "rack", "" }, Constraint.OperatorListMessage)]
    [InlineData(new[] { "", "UNIQUE" }, "constraint field name must not be empty")]
    public void TryParse_InvalidForms_ReturnsMarathonMessage(string[] parts, string expected)
    {
        Assert.False(Constraint.TryParse(parts, out var c, out var error));
        Assert.Null(c);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ToParts_LowerCaseOperator_IsWrittenUpperCase()
    {
        var c = Constraint.Parse("rack", "group_by", "3");

        Assert.Equal(["rack", "GROUP_BY", "3"], c.ToParts());
        Assert.Equal(["hostname", "UNIQUE"], Constraint.Parse("hostname", "UNIQUE").ToParts());
    }

    [Fact]
    public void Equals_SameParts_AreEqual()
    {
        Assert.Equal(Constraint.Parse("zone", "LIKE", "us-.*"), Constraint.Parse("zone", "like", "us-.*"));
        Assert.NotEqual(Constraint.Parse("zone", "LIKE", "us-.*"), Constraint.Parse("zone", "UNLIKE", "us-.*"));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => Constraint.Parse("hostname", "NOPE"));
        Assert.Equal(Constraint.OperatorListMessage, ex.Message);
    }
}
