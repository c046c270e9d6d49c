using Regatta.Agent.Fetcher;

namespace Regatta.Agent.Tests.Fetcher;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("2GB", 2L << 30)]
    [InlineData("512MB", 512L << 20)]
    [InlineData("64KB", 64L << 10)]
    [InlineData("1TB", 1L << 40)]
    [InlineData("100B", 100)]
    [InlineData(" 3 mb ", 3L << 20)]
    public void TryParse_MesosSizes_Parse(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes, out _));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1GB")]
    [InlineData("1.5GB")]
    [InlineData("GB")]
    [InlineData("99999999999TB")]
    public void TryParse_Bad_ExplainsTheSyntax(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.Contains("e.g. 2GB", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_RoundsToTheLargestWholeUnit()
    {
        Assert.Equal("2GB", ByteSize.Format(2L << 30));
        Assert.Equal("1536MB", ByteSize.Format(1536L << 20));
        Assert.Equal("7B", ByteSize.Format(7));
        Assert.Equal("0B", ByteSize.Format(0));
    }
}
