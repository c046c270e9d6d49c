using System.Text;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Model;

/// <summary>Written apps read back identical: through storage, and through the API (GET output posted again).</summary>
public sealed class AppRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2021, 6, 1, 12, 30, 15, 123, TimeSpan.Zero);

    public static TheoryData<string> Fixtures => ["minimal.json", "legacy-1.4-bridge.json", "modern-1.5-container.json", "modern-1.5-host.json"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Storage_FixtureApp_ReadsBackEqualAndSameBytes(string name)
    {
        var app = AppVersioning.Stamp(null, Apps.Parse(Golden.Model.Read(name)), Now);

        AssertStorageRoundTrip(app);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Api_WrittenAppPostedAgain_SameApp(string name)
    {
        var app = Apps.Parse(Golden.Model.Read(name));

        var again = Apps.Parse(AppJson.Write(app));

        Assert.Equal(app, again);
        Assert.Equal(AppJson.Write(app), AppJson.Write(again));
    }

    [Fact]
    public void Storage_StoredVersionInfo_Kept()
    {
        var app = AppVersioning.Stamp(AppVersioning.Stamp(null, Apps.Parse(Golden.Model.Read("minimal.json")), Now), Apps.Parse("""{"id":"/x","cmd":"sleep 100","instances":3}"""), Now.AddDays(1));

        var read = AppStorage.Deserialize(AppStorage.Serialize(app)).App!;

        Assert.Equal(new VersionInfo(Now.AddDays(1), Now), read.VersionInfo);
        Assert.Equal(Now.AddDays(1), read.Version);
    }

    [Fact]
    public void Storage_CorruptBytes_FailsWithoutThrowing()
    {
        var result = AppStorage.Deserialize(Encoding.UTF8.GetBytes("{\"id\":"));

        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public void Storage_RandomApps_StableThroughStorageAndApi()
    {
        var accepted = 0;
        RandomApps.ForSeeds(500, random =>
        {
            var body = RandomApps.App(random).ToJsonString();
            var result = AppJson.ParseCreate(body);
            if (!result.IsSuccess)
            {
                return;
            }

            accepted++;
            var app = AppVersioning.Stamp(null, result.App, Now);
            AssertStorageRoundTrip(app);
            var reposted = Apps.Parse(AppJson.Write(app));
            Assert.Equal(app with { Version = null, VersionInfo = null }, reposted);
        });

        // The generator is meant to produce mostly valid apps; otherwise this test checks little.
        Assert.True(accepted > 300, $"only {accepted} of 500 random apps were valid");
    }

    private static void AssertStorageRoundTrip(AppDefinition app)
    {
        var bytes = AppStorage.Serialize(app);
        var read = AppStorage.Deserialize(bytes);

        Assert.True(read.IsSuccess, read.Error?.ToJson());
        Assert.Equal(app, read.App);
        Assert.Equal(bytes, AppStorage.Serialize(read.App));
    }
}
