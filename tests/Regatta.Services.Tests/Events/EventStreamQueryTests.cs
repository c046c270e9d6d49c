using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Regatta.Services.Events;

namespace Regatta.Services.Tests.Events;

/// <summary>Reading a <c>/v2/events</c> request: the Accept header, <c>event_type=</c> and <c>plan-format=</c>.</summary>
public sealed class EventStreamQueryTests
{
    [Theory]
    [InlineData("text/event-stream")]
    [InlineData("Text/Event-Stream")]
    [InlineData("text/event-stream; charset=utf-8")]
    [InlineData("application/json, text/event-stream")]
    [InlineData("text/event-stream;q=0.5")]
    public void AcceptsEventStream_NamesEventStream_True(string accept)
    {
        Assert.True(EventStreamQuery.AcceptsEventStream(new StringValues(accept)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("text/*")]
    [InlineData("application/json")]
    [InlineData("text/event-stream;q=0")]
    [InlineData("text/event-streams")]
    public void AcceptsEventStream_DoesNotNameEventStream_False(string? accept)
    {
        Assert.False(EventStreamQuery.AcceptsEventStream(accept is null ? StringValues.Empty : new StringValues(accept)));
    }

    [Fact]
    public void AcceptsEventStream_SecondOfSeveralHeaders_True()
    {
        Assert.True(EventStreamQuery.AcceptsEventStream(new StringValues(["application/json", "text/event-stream"])));
    }

    [Fact]
    public void Parse_RepeatedEventType_AllKeptOnceInOrder()
    {
        var query = EventStreamQuery.Parse(Query("?event_type=status_update_event&event_type=api_post_event&event_type=status_update_event&event_type="));

        Assert.Equal(["status_update_event", "api_post_event"], query.EventTypes);
        Assert.Equal(PlanFormat.Light, query.PlanFormat);
    }

    [Theory]
    [InlineData("", "Light")]
    [InlineData("?plan-format=light", "Light")]
    [InlineData("?plan-format=full", "Full")]
    [InlineData("?plan-format=FULL", "Full")]
    [InlineData("?plan-format=heavy", "Light")]
    public void Parse_PlanFormat_LightUnlessFullAsked(string queryString, string expected)
    {
        Assert.Equal(expected, EventStreamQuery.Parse(Query(queryString)).PlanFormat.ToString());
    }

    [Fact]
    public void Parse_NoPlanFormatWithFullDefault_Full()
    {
        Assert.Equal(PlanFormat.Full, EventStreamQuery.Parse(Query(""), PlanFormat.Full).PlanFormat);
    }

    private static QueryCollection Query(string queryString) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString));
}
