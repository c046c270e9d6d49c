using Regatta.Cli.Flags;

namespace Regatta.Cli.Tests.Flags;

public sealed class DurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1secs", 1000)]
    [InlineData("10mins", 600_000)]
    [InlineData("2hrs", 7_200_000)]
    [InlineData("1days", 86_400_000)]
    [InlineData("1weeks", 604_800_000)]
    [InlineData("0.5secs", 500)]
    [InlineData("1500us", 1.5)]
    public void TryParse_MesosUnits_Parsed(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("secs")]
    [InlineData("-1secs")]
    [InlineData("1 fortnight")]
    [InlineData("NaNsecs")]
    [InlineData("")]
    public void TryParse_Malformed_Rejected(string text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("15secs")]
    [InlineData("10mins")]
    [InlineData("2hrs")]
    [InlineData("250ms")]
    public void Format_RoundTrips(string text)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(text, Duration.Format(value));
    }
}
