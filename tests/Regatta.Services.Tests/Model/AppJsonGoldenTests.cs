using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Model;

/// <summary>Fixture apps in both input generations, normalized and written in the 1.6+ shape, against golden files.</summary>
public sealed class AppJsonGoldenTests
{
    [Theory]
    [InlineData("minimal")]
    [InlineData("legacy-1.4-bridge")]
    [InlineData("modern-1.5-container")]
    [InlineData("modern-1.5-host")]
    [InlineData("legacy-1.4-get-output")]
    [InlineData("marathon-1.10-get-output")]
    public void ParseCreate_Fixture_WritesGoldenNormalizedApp(string name)
    {
        var result = AppJson.ParseCreate(Golden.Model.Read(name + ".json"));

        Assert.True(result.IsSuccess, result.Error?.ToJson());
        Golden.Model.AssertMatches(name + ".expected.json", AppJson.Write(result.App));
    }

    [Fact]
    public void ParseCreate_Marathon110Output_WritesSameAppFieldsBack()
    {
        // What Marathon 1.10 serves for an app is what Regatta serves, plus Regatta's own deploymentTimeoutSeconds
        // (and minus the AppInfo extras and the version fields, which are the server's).
        var original = System.Text.Json.Nodes.JsonNode.Parse(Golden.Model.Read("marathon-1.10-get-output.json"))!.AsObject();
        foreach (var extra in new[] { "version", "versionInfo", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments", "tasks" })
        {
            original.Remove(extra);
        }

        var written = System.Text.Json.Nodes.JsonNode.Parse(AppJson.Write(Apps.Parse(original.ToJsonString())))!.AsObject();
        written.Remove("deploymentTimeoutSeconds");

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original, written), written.ToJsonString());
    }
}
