using Regatta.Master.Core;
using Regatta.Protocol.V1;

namespace Regatta.Master.Tests.Core;

public sealed class MasterCoreRefuseTests
{
    [Theory]
    [InlineData(null, 5.0)]
    [InlineData(-1.0, 5.0)]
    [InlineData(double.NaN, 5.0)]
    [InlineData(2.5, 2.5)]
    [InlineData(1e12, 31536000.0)]
    public void RefuseDuration_Rules(double? seconds, double expected)
    {
        var filters = seconds is { } s ? new Filters { RefuseSeconds = s } : null;

        Assert.Equal(TimeSpan.FromSeconds(expected), MasterCore.RefuseDuration(filters));
    }

    [Fact]
    public void RefuseDuration_Zero_NoFilter()
    {
        Assert.Null(MasterCore.RefuseDuration(new Filters { RefuseSeconds = 0 }));
    }
}
