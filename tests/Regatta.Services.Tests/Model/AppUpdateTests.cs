using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

/// <summary>PATCH / PUT <c>partialUpdate=true</c> merging, full replacement, PUT-creates and rollback bodies.</summary>
public sealed class AppUpdateTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2020-01-01T10:00:00.000Z", System.Globalization.CultureInfo.InvariantCulture);

    private static AppDefinition Existing() => AppVersioning.Stamp(null, Apps.Parse("""
        {"id":"/web","cmd":"serve","instances":2,"labels":{"a":"b"},"env":{"X":"1"},
         "container":{"type":"DOCKER","docker":{"image":"nginx:1","privileged":true,"forcePullImage":true}},
         "portDefinitions":[{"port":10000,"name":"http"}],"healthChecks":[{"protocol":"HTTP","path":"/"}]}
        """), Created);

    private static AppDefinition Apply(string json, AppDefinition existing)
    {
        var parsed = AppJson.ParseUpdate(json);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToJson());
        var result = parsed.Update.ApplyTo(existing);
        Assert.True(result.IsSuccess, result.Error?.ToJson());
        return result.App;
    }

    [Fact]
    public void ApplyTo_InstancesOnly_KeepsEverythingElseAndIsAScale()
    {
        var existing = Existing();

        var updated = Apply("""{"instances":5}""", existing);

        Assert.Equal(existing with { Instances = 5 }, updated);
        Assert.Equal(AppChange.Scale, AppVersioning.Classify(existing, updated));
    }

    [Fact]
    public void ApplyTo_GivenFields_ReplaceWholeValues()
    {
        var existing = Existing();

        var updated = Apply("""{"labels":{"c":"d"},"env":{},"cpus":0.5}""", existing);

        Assert.Equal(new ValueMap([new("c", "d")]), updated.Labels);
        Assert.True(updated.Env.IsEmpty);
        Assert.Equal(0.5, updated.Cpus);
        Assert.Equal(existing.Cmd, updated.Cmd);
        Assert.Equal(AppChange.Config, AppVersioning.Classify(existing, updated));
    }

    [Fact]
    public void ApplyTo_NestedContainer_ReplacedWholeLikeMarathon()
    {
        // Marathon #4868: giving container.docker.image alone resets the other docker fields to their defaults.
        var updated = Apply("""{"container":{"docker":{"image":"nginx:2"}}}""", Existing());

        Assert.Equal(new DockerSpec { Image = "nginx:2" }, updated.Container!.Docker);
    }

    [Fact]
    public void ApplyTo_SwitchToBridge_DropsPortDefinitionsAndGetsDefaultMapping()
    {
        var updated = Apply("""{"networks":[{"mode":"container/bridge"}]}""", Existing());

        Assert.Empty(updated.PortDefinitions);
        Assert.Equal([new PortMapping { HostPort = 0, Name = "default" }], updated.Container!.PortMappings);
    }

    [Fact]
    public void ApplyTo_BackToHost_GetsDefaultPortDefinition()
    {
        var bridge = Apply("""{"networks":[{"mode":"container/bridge"}]}""", Existing());

        var host = Apply("""{"networks":[{"mode":"host"}]}""", bridge);

        Assert.Equal([AppDefaults.PortDefinition], host.PortDefinitions);
        Assert.Empty(host.Container!.PortMappings);
    }

    [Fact]
    public void ApplyTo_LegacyFields_Migrated()
    {
        var updated = Apply("""{"ports":[0,0],"uris":["http://h/a.tgz"]}""", Existing());

        Assert.Equal([new PortDefinition(), new PortDefinition()], updated.PortDefinitions);
        Assert.True(Assert.Single(updated.Fetch).Extract);
    }

    [Fact]
    public void ApplyTo_BodyId_IgnoredAndVersionsKept()
    {
        var existing = Existing();

        var updated = Apply("""{"id":"/other","cmd":"serve --fast"}""", existing);

        Assert.Equal(existing.Id, updated.Id);
        Assert.Equal(existing.Version, updated.Version);
        Assert.Equal(existing.VersionInfo, updated.VersionInfo);
    }

    [Fact]
    public void ApplyTo_ResultBreaksRule_NotValid()
    {
        var update = AppJson.ParseUpdate("""{"args":["serve"]}""").Update!;

        var result = update.ApplyTo(Existing());

        Assert.Equal("/: " + AppValidator.CmdArgsOrContainer, $"{result.Error!.Errors[0].Path}: {result.Error.Errors[0].Errors[0]}");
        Assert.Equal(422, result.Error.StatusCode);
    }

    [Fact]
    public void ParseUpdate_TypeError_InvalidJson()
    {
        var result = AppJson.ParseUpdate("""{"instances":"five"}""");

        Assert.Equal("""{"message":"Invalid JSON","details":[{"path":"/instances","errors":["error.expected.jsnumber"]}]}""", result.Error!.ToJson());
    }

    [Fact]
    public void ParseUpdate_VersionOnly_IsRollback()
    {
        var update = AppJson.ParseUpdate("""{"id":"/web","version":"2014-03-01T23:17:50.295Z"}""").Update!;

        Assert.True(update.IsRollback);
        Assert.Equal("2014-03-01T23:17:50.295Z", AppTimestamp.Format(update.RollbackVersion!.Value));
    }

    [Fact]
    public void ParseUpdate_VersionWithOtherFields_Refused()
    {
        var result = AppJson.ParseUpdate("""{"version":"2014-03-01T23:17:50.295Z","instances":3}""");

        Assert.Equal(
            """{"message":"Object is not valid","details":[{"path":"/","errors":["The 'version' field may only be combined with the 'id' field."]}]}""",
            result.Error!.ToJson());
    }

    [Fact]
    public void ToNewApp_PutCreatesApp_DefaultsPlusUpdateAtUrlId()
    {
        var update = AppJson.ParseUpdate("""{"id":"/ignored","cmd":"sleep 1","instances":3}""").Update!;

        var app = update.ToNewApp(PathId.Parse("/created")).App!;

        Assert.Equal(new AppDefinition { Id = PathId.Parse("/created"), Cmd = "sleep 1", Instances = 3 }, app);
    }

    [Fact]
    public void ParseReplace_FullReplacement_ResetsFieldsNotGiven()
    {
        var replaced = AppJson.ParseReplace("""{"id":"/elsewhere","cmd":"serve"}""", PathId.Parse("/web")).App!;

        Assert.Equal(new AppDefinition { Id = PathId.Parse("/web"), Cmd = "serve" }, replaced);
    }

    [Fact]
    public void ParseReplace_InvalidBodyId_Ignored()
    {
        Assert.True(AppJson.ParseReplace("""{"id":"NOT VALID","cmd":"serve"}""", PathId.Parse("/web")).IsSuccess);
    }
}
