using System.Text.Json.Nodes;
using Regatta.Services.Events;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Events;

/// <summary>Every event's JSON against a golden file: Marathon's field names, values and key order.</summary>
public sealed class EventJsonTests
{
    private const string AppPlaceholder = "(the app as AppJsonWriter writes it)";

    public static TheoryData<string> Names => SampleEvents.FixtureNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void ToJson_EachEventKind_MatchesGoldenFile(string name)
    {
        var node = JsonNode.Parse(EventJson.ToJson(SampleEvents.ByFixture[name]))!.AsObject();
        if (node["appDefinition"] is not null)
        {
            // The embedded app is the model's to get right (its own golden tests); here only that it is that JSON.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AppJson.Write(SampleEvents.App)), node["appDefinition"]));
            node["appDefinition"] = AppPlaceholder;
        }

        Golden.Events.AssertMatches(name + ".json", node);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ToJson_EachEventKind_OneLineWithTypeAndMillisecondUtcTimestamp(string name)
    {
        var marathonEvent = SampleEvents.ByFixture[name];

        var json = EventJson.ToJson(marathonEvent);

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain('\r', json);
        var node = JsonNode.Parse(json)!;
        Assert.Equal(marathonEvent.EventType, (string?)node["eventType"]);
        Assert.Equal("2015-09-30T12:44:45.681Z", (string?)node["timestamp"]);
    }

    [Fact]
    public void ToJson_LocalTimeWithTicks_WrittenAsUtcMilliseconds()
    {
        var at = new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var json = EventJson.ToJson(new AppTerminatedEvent(SampleEvents.Foo) { Timestamp = at });

        Assert.Equal("""{"appId":"/foo","eventType":"app_terminated_event","timestamp":"2020-01-01T10:00:00.123Z"}""", json);
    }

    [Theory]
    [InlineData("deployment_info")]
    [InlineData("deployment_step_success")]
    [InlineData("deployment_step_failure")]
    [InlineData("deployment_success")]
    [InlineData("deployment_failed")]
    public void ToJson_FullPlanFormat_AddsOriginalAndTargetGroupsOnly(string name)
    {
        var marathonEvent = SampleEvents.ByFixture[name];

        var light = JsonNode.Parse(EventJson.ToJson(marathonEvent, PlanFormat.Light))!.AsObject();
        var full = JsonNode.Parse(EventJson.ToJson(marathonEvent, PlanFormat.Full))!.AsObject();

        Assert.True(marathonEvent.DependsOnPlanFormat);
        Assert.Equal(["id", "steps", "version"], light["plan"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "original", "target", "steps", "version"], full["plan"]!.AsObject().Select(p => p.Key));
        Assert.Equal("/", (string?)full["plan"]!["original"]!["id"]);
        Assert.Equal("/foo", (string?)full["plan"]!["target"]!["apps"]![0]!["id"]);
        full["plan"]!.AsObject().Remove("original");
        full["plan"]!.AsObject().Remove("target");
        Assert.True(JsonNode.DeepEquals(light, full));
    }

    [Fact]
    public void ToJson_FullPlanFormatWithoutGroups_WritesLightPlan()
    {
        var plan = EventPlan.From(SampleEvents.DeploymentPlan);
        var marathonEvent = new DeploymentSuccessEvent(plan) { Timestamp = SampleEvents.At };

        Assert.Equal(EventJson.ToJson(marathonEvent, PlanFormat.Light), EventJson.ToJson(marathonEvent, PlanFormat.Full));
    }

    [Fact]
    public void ToJson_NonDeploymentEvent_SameInBothPlanFormats()
    {
        var marathonEvent = SampleEvents.ByFixture["status_update_event"];

        Assert.False(marathonEvent.DependsOnPlanFormat);
        Assert.Equal(EventJson.ToJson(marathonEvent, PlanFormat.Light), EventJson.ToJson(marathonEvent, PlanFormat.Full));
    }

    [Fact]
    public void ToJson_PlanActions_CarryNoSentencedTasks()
    {
        var json = EventJson.ToJson(SampleEvents.ByFixture["deployment_step_failure"]);

        Assert.Contains("""
            "currentStep":{"actions":[{"action":"ScaleApplication","app":"/foo"}]}
            """, json, StringComparison.Ordinal);
        Assert.DoesNotContain("foo.1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_TextWithQuotesAndAmpersands_EscapedOnlyWhereJsonRequires()
    {
        var marathonEvent = new StatusUpdateEvent("S1", "t1", "TASK_FAILED", "exit 1: \"a & b\" <x>\n", SampleEvents.Foo, "h", [], [], SampleEvents.AppVersion)
        {
            Timestamp = SampleEvents.At,
        };

        var json = EventJson.ToJson(marathonEvent);

        Assert.Contains("""
            "message":"exit 1: \"a & b\" <x>\n"
            """, json, StringComparison.Ordinal);
    }
}
