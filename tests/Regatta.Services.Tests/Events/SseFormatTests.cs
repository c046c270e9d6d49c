using System.Text;
using Regatta.Services.Events;

namespace Regatta.Services.Tests.Events;

/// <summary>The bytes of an SSE frame and of the keep-alive, as Jetty's EventSourceServlet writes them.</summary>
public sealed class SseFormatTests
{
    [Fact]
    public void Frame_OneLineJson_EventLineDataLineBlankLine()
    {
        var frame = SseFormat.Frame("status_update_event", """{"a":1}"""u8);

        Assert.Equal("event: status_update_event\r\ndata: {\"a\":1}\r\n\r\n", Encoding.UTF8.GetString(frame));
    }

    [Theory]
    [InlineData("a\nb", "data: a\r\ndata: b\r\n")]
    [InlineData("a\r\nb", "data: a\r\ndata: b\r\n")]
    [InlineData("a\rb", "data: a\r\ndata: b\r\n")]
    [InlineData("a\n\nb", "data: a\r\ndata: \r\ndata: b\r\n")]
    [InlineData("a\n", "data: a\r\n")]
    [InlineData("a\r\n", "data: a\r\n")]
    [InlineData("", "")]
    public void Frame_LineBreaksInData_OneDataFieldPerLineLikeReadLine(string data, string expectedDataLines)
    {
        var frame = SseFormat.Frame("x", Encoding.UTF8.GetBytes(data));

        Assert.Equal("event: x\r\n" + expectedDataLines + "\r\n", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void Frame_NonAsciiData_KeptAsUtf8()
    {
        var frame = SseFormat.Frame("x", Encoding.UTF8.GetBytes("{\"m\":\"Grüße ✓\"}"));

        Assert.Equal("event: x\r\ndata: {\"m\":\"Grüße ✓\"}\r\n\r\n", Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void Frame_EventTypeWithLineBreak_Refused()
    {
        Assert.Throws<ArgumentException>(() => SseFormat.Frame("a\r\nevent: b", "{}"u8));
    }

    [Fact]
    public void Heartbeat_IsBareCrLf()
    {
        Assert.Equal("\r\n"u8.ToArray(), SseFormat.Heartbeat.ToArray());
    }

    [Fact]
    public void TryGetFrame_Event_FrameOfItsJson()
    {
        var marathonEvent = SampleEvents.ByFixture["event_stream_attached"];
        var published = new PublishedEvent(marathonEvent);

        Assert.True(published.TryGetFrame(PlanFormat.Light, out var frame, out _));

        Assert.Equal(
            "event: event_stream_attached\r\ndata: " + EventJson.ToJson(marathonEvent) + "\r\n\r\n",
            Encoding.UTF8.GetString(frame.Span));
    }

    [Fact]
    public void TryGetFrame_SameFormatTwice_SerializedOnce()
    {
        var published = new PublishedEvent(SampleEvents.ByFixture["deployment_info"]);

        published.TryGetFrame(PlanFormat.Full, out var first, out _);
        published.TryGetFrame(PlanFormat.Full, out var second, out _);
        published.TryGetFrame(PlanFormat.Light, out var light, out _);

        Assert.True(first.Span == second.Span, "the cached frame is handed out again");
        Assert.NotEqual(first.Length, light.Length);
    }

    [Fact]
    public void TryGetFrame_EventWhoseWriterFails_FalseWithReason()
    {
        var published = new PublishedEvent(new BrokenEvent { Timestamp = SampleEvents.At });

        Assert.False(published.TryGetFrame(PlanFormat.Light, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
