using System.Globalization;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

public sealed class AppVersioningTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2020-01-01T09:00:00.000Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset T1 = T0.AddHours(1);

    private static AppDefinition App(int instances = 1, string cmd = "sleep 1") =>
        new() { Id = PathId.Parse("/x"), Cmd = cmd, Instances = instances };

    [Fact]
    public void Stamp_NewApp_AllThreeTimesNow()
    {
        var app = AppVersioning.Stamp(null, App(), T0);

        Assert.Equal(T0, app.Version);
        Assert.Equal(new VersionInfo(T0, T0), app.VersionInfo);
    }

    [Fact]
    public void Stamp_InstancesOnly_MovesVersionAndLastScalingAt()
    {
        var old = AppVersioning.Stamp(null, App(), T0);

        var scaled = AppVersioning.Stamp(old, App(instances: 4), T1);

        Assert.Equal(T1, scaled.Version);
        Assert.Equal(new VersionInfo(LastScalingAt: T1, LastConfigChangeAt: T0), scaled.VersionInfo);
    }

    [Fact]
    public void Stamp_ConfigChange_MovesEverything()
    {
        var old = AppVersioning.Stamp(null, App(), T0);

        var changed = AppVersioning.Stamp(old, App(instances: 4, cmd: "sleep 2"), T1);

        Assert.Equal(new VersionInfo(T1, T1), changed.VersionInfo);
        Assert.Equal(T1, changed.Version);
    }

    [Fact]
    public void Stamp_NoChange_KeepsVersion()
    {
        var old = AppVersioning.Stamp(null, App(), T0);

        var same = AppVersioning.Stamp(old, App(), T1);

        Assert.Equal(old, same);
    }

    [Fact]
    public void StampRestart_MovesVersionAndLastConfigChangeAt()
    {
        var scaled = AppVersioning.Stamp(AppVersioning.Stamp(null, App(), T0), App(instances: 2), T0.AddMinutes(5));

        var restarted = AppVersioning.StampRestart(scaled, T1);

        Assert.Equal(T1, restarted.Version);
        Assert.Equal(new VersionInfo(LastScalingAt: T0.AddMinutes(5), LastConfigChangeAt: T1), restarted.VersionInfo);
    }

    [Fact]
    public void Stamp_SubMillisecondTime_TruncatedToMilliseconds()
    {
        var app = AppVersioning.Stamp(null, App(), T0.AddTicks(12_345));

        Assert.Equal("2020-01-01T09:00:00.001Z", AppTimestamp.Format(app.Version!.Value));
    }

    [Theory]
    [InlineData("""{"labels":{"a":"b"}}""")]
    [InlineData("""{"upgradeStrategy":{"minimumHealthCapacity":0.5,"maximumOverCapacity":0}}""")]
    [InlineData("""{"backoffSeconds":5}""")]
    [InlineData("""{"deploymentTimeoutSeconds":60}""")]
    [InlineData("""{"instances":3,"mem":64}""")]
    public void Classify_AnythingButInstances_IsConfigChange(string updateJson)
    {
        var old = AppVersioning.Stamp(null, App(), T0);

        var updated = AppJson.ParseUpdate(updateJson).Update!.ApplyTo(old).App!;

        Assert.Equal(AppChange.Config, AppVersioning.Classify(old, updated));
    }

    [Fact]
    public void Classify_IgnoresVersionFields()
    {
        var a = AppVersioning.Stamp(null, App(), T0);
        var b = AppVersioning.Stamp(null, App(), T1);

        Assert.Equal(AppChange.None, AppVersioning.Classify(a, b));
    }

    [Theory]
    [InlineData("2015-09-29T15:59:51.164Z", "2015-09-29T15:59:51.164Z")]
    [InlineData("2015-09-29T17:59:51.164+02:00", "2015-09-29T15:59:51.164Z")]
    [InlineData("2015-09-29T15:59:51Z", "2015-09-29T15:59:51.000Z")]
    [InlineData("2015-09-29T15:59:51.1649Z", "2015-09-29T15:59:51.164Z")]
    public void AppTimestamp_Parse_UtcMilliseconds(string text, string expected)
    {
        Assert.True(AppTimestamp.TryParse(text, out var time));
        Assert.Equal(expected, AppTimestamp.Format(time));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("12")]
    public void AppTimestamp_Parse_RejectsNonDates(string text) => Assert.False(AppTimestamp.TryParse(text, out _));
}
