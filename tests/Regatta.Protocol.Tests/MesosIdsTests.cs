using System.Net;

namespace Regatta.Protocol.Tests;

public sealed class MesosIdsTests
{
    [Theory]
    [InlineData("127.0.0.1", 16777343u)]
    [InlineData("127.0.1.1", 16842879u)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", uint.MaxValue)]
    [InlineData("10.0.0.7", 117440522u)]
    public void PackIPv4_Address_MatchesMesosEncoding(string address, uint expected)
    {
        Assert.Equal(expected, MesosIds.PackIPv4(IPAddress.Parse(address)));
        Assert.Equal(IPAddress.Parse(address), MesosIds.UnpackIPv4(expected));
    }

    [Fact]
    public void PackIPv4_MappedIPv6_UsesIPv4Part()
    {
        Assert.Equal(16777343u, MesosIds.PackIPv4(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Fact]
    public void PackIPv4_IPv6_Rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => MesosIds.PackIPv4(IPAddress.IPv6Loopback));

        Assert.Contains("IPv4", e.Message, StringComparison.Ordinal);
    }
}
