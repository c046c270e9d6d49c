using Regatta.Services.Health;

namespace Regatta.Services.Tests.Health;

public sealed class HttpStatusTextTests
{
    [Theory]
    [InlineData(200, false, nameof(ProbeVerdict.Healthy))]
    [InlineData(204, false, nameof(ProbeVerdict.Healthy))]
    [InlineData(302, false, nameof(ProbeVerdict.Healthy))]
    [InlineData(399, false, nameof(ProbeVerdict.Healthy))]
    [InlineData(400, false, nameof(ProbeVerdict.Unhealthy))]
    [InlineData(503, true, nameof(ProbeVerdict.Unhealthy))]
    [InlineData(101, false, nameof(ProbeVerdict.Unhealthy))]
    [InlineData(101, true, nameof(ProbeVerdict.Ignored))]
    [InlineData(199, true, nameof(ProbeVerdict.Ignored))]
    [InlineData(99, true, nameof(ProbeVerdict.Unhealthy))]
    public void Judge_FollowsMarathonRanges(int status, bool ignoreHttp1xx, string expected) =>
        Assert.Equal(Enum.Parse<ProbeVerdict>(expected), HttpStatusText.Judge(status, ignoreHttp1xx));

    [Theory]
    [InlineData(500, "Oops", "500 Internal Server Error")]
    [InlineData(503, null, "503 Service Unavailable")]
    [InlineData(413, null, "413 Request Entity Too Large")]
    [InlineData(599, "Network Timeout", "599 Network Timeout")]
    [InlineData(599, " ", "599")]
    public void Describe_UsesTheStandardPhrase(int status, string? serverPhrase, string expected) =>
        Assert.Equal(expected, HttpStatusText.Describe(status, serverPhrase));
}
