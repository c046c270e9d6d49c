using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class JavaDoubleTextTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(128.0, "128.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.5, "1234567.5")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.5e20, "1.5E20")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Format_MatchesJavaDoubleToString(double value, string expected)
    {
        Assert.Equal(expected, JavaDoubleText.Format(value));
    }
}
