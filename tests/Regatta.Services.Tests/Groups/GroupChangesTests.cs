using System.Text;
using Regatta.Services.Core;
using Regatta.Services.Http;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Groups;

public sealed class GroupChangesTests
{
    private static readonly DateTimeOffset T1 = new(2020, 1, 1, 0, 0, 1, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddSeconds(1);
    private static readonly DateTimeOffset T3 = T1.AddSeconds(2);
    private static readonly DateTimeOffset T4 = T1.AddSeconds(3);

    [Fact]
    public void Update_AppsGiven_ReplacesTheGroupsOwnAppsAndRemovesMissingOnes()
    {
        var apps = Apps(App("/g/a"), App("/g/b"), App("/g/sub/c"));
        var spec = Spec("""{"id":"/g","apps":[{"id":"a","cmd":"sleep 2"}]}""");

        var change = GroupChanges.Update(apps, Records(), spec).Value!;

        Assert.Equal("sleep 2", Assert.Single(change.Changed).Cmd);
        Assert.Equal([Id("/g/b")], change.Removed);
        Assert.Equal([Id("/g")], change.PutGroups.Select(g => g.Id));
        Assert.Empty(change.RemovedGroups);
    }

    [Fact]
    public void Update_GroupsGiven_RemovesMissingSubgroupsWithEverythingBelow()
    {
        var apps = Apps(App("/g/a"), App("/g/s1/x"), App("/g/s2/y/z"), App("/other/w"));
        var records = Records(Record("/g/s3"), Record("/g/s2/deep"));
        var spec = Spec("""{"id":"/g","groups":[{"id":"s1"}]}""");

        var change = GroupChanges.Update(apps, records, spec).Value!;

        Assert.Empty(change.Changed);
        Assert.Equal([Id("/g/s2/y/z")], change.Removed);
        Assert.Equal([Id("/g/s2/deep"), Id("/g/s3")], change.RemovedGroups);
        Assert.Equal([Id("/g/s1"), Id("/g")], change.PutGroups.Select(g => g.Id));
    }

    [Fact]
    public void Update_ListsAbsent_KeepsChildrenAndChangesOnlyDependencies()
    {
        var apps = Apps(App("/g/a"), App("/g/s/b"));
        var spec = Spec("""{"id":"/g","dependencies":["/db"]}""");

        var change = GroupChanges.Update(apps, Records(), spec).Value!;

        Assert.Empty(change.Changed);
        Assert.Empty(change.Removed);
        Assert.Equal([Id("/db")], Assert.Single(change.PutGroups).Dependencies);
    }

    [Fact]
    public void Update_DependenciesAbsent_KeepsTheRecordedOnes()
    {
        var records = Records(Record("/g") with { Dependencies = [Id("/db")] });

        var change = GroupChanges.Update(Apps(), records, Spec("""{"id":"/g","apps":[]}""")).Value!;

        Assert.Equal([Id("/db")], Assert.Single(change.PutGroups).Dependencies);
    }

    [Fact]
    public void Update_UnchangedAppsOutsideTheBody_AreNotResent()
    {
        var apps = Apps(App("/g/a"), App("/h/b"));

        var change = GroupChanges.Update(apps, Records(), Spec("""{"id":"/g","apps":[{"id":"a","cmd":"sleep 1"}]}""")).Value!;

        Assert.Equal([Id("/g/a")], change.Changed.Select(a => a.Id));
    }

    [Fact]
    public void Update_AppWhereAGroupStays_Is422()
    {
        var apps = Apps(App("/g/x/y"));

        var outcome = GroupChanges.Update(apps, Records(), Spec("""{"id":"/g","apps":[{"id":"x","cmd":"sleep 1"}]}"""));

        Assert.Equal(422, outcome.Error!.Status);
        Assert.Equal(
            """{"message":"Object is not valid","details":[{"path":"/","errors":["Groups and Applications may not have the same identifier. (/g/x)"]}]}""",
            outcome.Error.Body);
    }

    [Theory]
    [InlineData(1, 1.5, 2)]
    [InlineData(3, 1.5, 5)]
    [InlineData(3, 1.1, 4)]
    [InlineData(10, 0.25, 3)]
    [InlineData(4, 0.5, 2)]
    [InlineData(7, 0, 0)]
    [InlineData(2_000_000_000, 2, int.MaxValue)]
    public void ScaledInstances_RoundsUpAsMarathon(int instances, double factor, int expected) =>
        Assert.Equal(expected, GroupChanges.ScaledInstances(instances, factor));

    [Fact]
    public void Scale_EveryAppBelowTheGroup_OthersUntouched()
    {
        var apps = Apps(App("/g/a", instances: 1), App("/g/s/b", instances: 3), App("/g/c", instances: 0), App("/other", instances: 2));

        var change = GroupChanges.Scale(apps, Id("/g"), 1.5);

        Assert.Equal([("/g/a", 2), ("/g/s/b", 5)], change.Changed.Select(a => (a.Id.ToString(), a.Instances)));
        Assert.Empty(change.Removed);
    }

    [Fact]
    public void Rollback_AppsReturnToTheirDefinitionAtThatVersion_NewerAppsGo()
    {
        var history = new Dictionary<PathId, SortedDictionary<DateTimeOffset, AppDefinition>>
        {
            [Id("/g/a")] = new() { [T1] = App("/g/a", cmd: "v1") with { Version = T1 }, [T3] = App("/g/a", cmd: "v3") with { Version = T3 } },
            [Id("/g/b")] = new() { [T2] = App("/g/b", cmd: "bb") with { Version = T2 } },
            [Id("/g/c")] = new() { [T4] = App("/g/c", cmd: "cc") with { Version = T4 } },
        };
        var apps = Apps([.. history.Values.Select(h => h.Values.Last())]);
        var tree = GroupTree.Build(apps.Values, []).Find(Id("/g"))!;

        var change = GroupChanges.Rollback(apps, tree, T2, id => [.. history[id].Keys.Reverse()], (id, v) => history[id].GetValueOrDefault(v)).Value!;

        var a = Assert.Single(change.Changed);
        Assert.Equal(("/g/a", "v1", (DateTimeOffset?)null), (a.Id.ToString(), a.Cmd, a.Version));
        Assert.Equal([Id("/g/c")], change.Removed);
    }

    [Fact]
    public void Rollback_VersionTheGroupNeverHad_Is422()
    {
        var apps = Apps(App("/g/a") with { Version = T1 });
        var tree = GroupTree.Build(apps.Values, []).Find(Id("/g"))!;

        var outcome = GroupChanges.Rollback(apps, tree, T2, _ => [T1], (_, _) => null);

        Assert.Equal(422, outcome.Error!.Status);
        Assert.Equal("Group /g not available in version 2020-01-01T00:00:02.000Z", outcome.Error.Message);
    }

    [Fact]
    public void Delete_RemovesAppsAndRecordsBelow()
    {
        var apps = Apps(App("/g/a"), App("/g/s/b"), App("/gx/c"));
        var records = Records(Record("/g"), Record("/g/empty"), Record("/gx"));

        var change = GroupChanges.Delete(apps, records, Id("/g"));

        Assert.Equal([Id("/g/a"), Id("/g/s/b")], change.Removed);
        Assert.Equal([Id("/g"), Id("/g/empty")], change.RemovedGroups);
    }

    [Fact]
    public void Tree_GroupsImpliedByAppsAndRecords_VersionIsTheLatestBelow()
    {
        var apps = Apps(App("/a/b/c") with { Version = T1 }, App("/a/d") with { Version = T2 });
        var root = GroupTree.Build(apps.Values, [Record("/e/f") with { Version = T3 }]);

        Assert.Equal([Id("/a"), Id("/e")], root.Groups.Select(g => g.Id));
        Assert.Equal([Id("/a/b")], root.Find(Id("/a"))!.Groups.Select(g => g.Id));
        Assert.Equal(T2, root.Find(Id("/a"))!.Version);
        Assert.Equal(T3, root.Version);
        Assert.NotNull(root.Find(Id("/e/f")));
        Assert.Null(root.Find(Id("/a/b/c")));
        Assert.Null(root.Find(Id("/x")));
    }

    private static PathId Id(string id) => PathId.Parse(id);

    private static AppDefinition App(string id, int instances = 1, string cmd = "sleep 1") =>
        AppJson.ParseCreate($$"""{"id":"{{id}}","cmd":"{{cmd}}","instances":{{instances}}}""").App!;

    private static Dictionary<PathId, AppDefinition> Apps(params AppDefinition[] apps) => apps.ToDictionary(a => a.Id);

    private static GroupRecord Record(string id) => new(Id(id), [], T1);

    private static Dictionary<PathId, GroupRecord> Records(params GroupRecord[] records) => records.ToDictionary(r => r.Id);

    private static GroupSpec Spec(string json) =>
        GroupJson.Parse(Encoding.UTF8.GetBytes(json), PathId.Root, AppParseOptions.Default).Group!;
}
