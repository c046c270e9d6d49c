using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Services.Events;

namespace Regatta.Services.Tests.Events;

/// <summary>The parts of a stream that need no server: the remote address shown in events, settings checks.</summary>
public sealed class EventStreamHandlerTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::ffff:10.0.0.7", "10.0.0.7")]
    [InlineData("::1", "::1")]
    [InlineData("fe80::1", "fe80::1")]
    public void RemoteAddress_Ip_AsMarathonShowsIt(string ip, string expected)
    {
        Assert.Equal(expected, EventStreamHandler.RemoteAddress(IPAddress.Parse(ip)));
    }

    [Fact]
    public void RemoteAddress_Unknown_Placeholder()
    {
        Assert.Equal("unknown", EventStreamHandler.RemoteAddress(null));
    }

    [Fact]
    public void Constructor_ZeroHeartbeat_Refused()
    {
        var options = new EventStreamOptions { HeartbeatInterval = TimeSpan.Zero };

        Assert.Throws<ArgumentOutOfRangeException>(() => new EventStreamHandler(new EventBus(), TimeProvider.System, options, NullLogger.Instance));
    }

    [Fact]
    public void Constructor_NoQueue_Refused()
    {
        var options = new EventStreamOptions { MaxOutstandingMessages = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => new EventStreamHandler(new EventBus(), TimeProvider.System, options, NullLogger.Instance));
    }
}
