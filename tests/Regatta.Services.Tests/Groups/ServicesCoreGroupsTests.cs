using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Services.Core;
using Regatta.Services.Events;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Groups;

/// <summary>The core's part of groups: records, existence, one deployment per change, its events and store writes.</summary>
public sealed class ServicesCoreGroupsTests
{
    private static readonly DateTimeOffset Now = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServicesCore core = new(new ServicesCoreOptions(), (app, match, id) => TaskBuilder.Build(app, match, id), new Random(7), NullLogger.Instance);

    [Fact]
    public void ChangeGroup_StoresRecordsWithTheDeploymentVersion_AndPublishesSuccess()
    {
        var change = new GroupChange([App("/g/a"), App("/g/b")], [], [new GroupRecord(Id("/g"), [Id("/db")], DateTimeOffset.UnixEpoch)], []);

        var outcome = core.ChangeGroup(Id("/g"), change, force: false, Now);

        Assert.True(outcome.IsSuccess);
        Assert.Equal(Now, core.Groups[Id("/g")].Version);
        Assert.Equal([Id("/g/a"), Id("/g/b")], core.Apps.Keys.Order());
        var (mutations, effects) = core.Outbox.Take();
        Assert.Contains(mutations, m => m.Key == "services/groups/g" && m.Value is not null);
        var success = Assert.Single(effects.OfType<ServicesEffect.Publish>().Select(p => p.Event).OfType<GroupChangeSuccessEvent>());
        Assert.Equal((Id("/g"), Now), (success.GroupId, success.Version));
        var ports = core.Apps.Values.Select(a => ServicesCore.ServicePortsOf(a)[0]).ToList();
        Assert.Equal(2, ports.Distinct().Count());
    }

    [Fact]
    public void ChangeGroup_Locked_PublishesFailureAndKeepsRecords()
    {
        core.ChangeGroup(Id("/g"), new GroupChange([App("/g/a", instances: 1)], [], [], []), force: false, Now);
        core.Outbox.Take();

        var outcome = core.ChangeGroup(Id("/g"), new GroupChange([App("/g/a", instances: 1, cmd: "sleep 2")], [], [new GroupRecord(Id("/g"), [], Now)], []), force: false, Now.AddSeconds(1));

        Assert.Equal(409, outcome.Error!.Status);
        Assert.False(core.Groups.ContainsKey(Id("/g")));
        var failed = Assert.Single(core.Outbox.Take().Effects.OfType<ServicesEffect.Publish>().Select(p => p.Event).OfType<GroupChangeFailedEvent>());
        Assert.Equal(outcome.Error.Message, failed.Reason);
    }

    [Fact]
    public void GroupExists_RootRecordsAndAncestorsOfApps()
    {
        core.RestoreGroup(new GroupRecord(Id("/empty/inner"), [], Now));
        core.ChangeGroup(Id("/"), new GroupChange([App("/x/y/z")], [], [], []), force: false, Now);

        Assert.True(core.GroupExists(PathId.Root));
        Assert.True(core.GroupExists(Id("/empty")));
        Assert.True(core.GroupExists(Id("/empty/inner")));
        Assert.True(core.GroupExists(Id("/x/y")));
        Assert.False(core.GroupExists(Id("/x/y/z")));
        Assert.False(core.GroupExists(Id("/nope")));
    }

    [Fact]
    public void CreateApp_WhereAnEmptyGroupIs_Is409()
    {
        core.RestoreGroup(new GroupRecord(Id("/folder"), [], Now));

        var outcome = core.CreateApp(App("/folder"), force: false, Now);

        Assert.Equal((409, "A group with id [/folder] already exists."), (outcome.Error!.Status, outcome.Error.Message));
    }

    [Fact]
    public void PlanGroupChange_PlansWithoutChangingAnything()
    {
        var change = new GroupChange([App("/p/db", instances: 1), App("/p/web", instances: 1) with { Dependencies = [Id("/p/db")] }], [], [], []);

        var plan = core.PlanGroupChange(change, Now).Value!;

        Assert.Equal(
            ["StartApplication /p/db, StartApplication /p/web", "ScaleApplication /p/db", "ScaleApplication /p/web"],
            plan.Steps.Select(s => string.Join(", ", s.Actions.Select(a => $"{a.Name} {a.AppId}"))));
        Assert.Empty(core.Apps);
        Assert.True(core.Outbox.IsEmpty);
    }

    [Fact]
    public void Record_RoundTripsThroughItsStoredForm()
    {
        var record = new GroupRecord(Id("/a/b"), [Id("/c"), Id("/d/e")], Now);

        Assert.Equal(record, GroupRecord.Deserialize(record.Serialize()));
        Assert.Null(GroupRecord.Deserialize("{\"id\":\"/\",\"version\":\"2020-01-01T00:00:00.000Z\"}"u8));
        Assert.Null(GroupRecord.Deserialize("not json"u8));
    }

    private static PathId Id(string id) => PathId.Parse(id);

    private static AppDefinition App(string id, int instances = 0, string cmd = "sleep 1") =>
        AppJson.ParseCreate($$"""{"id":"{{id}}","cmd":"{{cmd}}","instances":{{instances}}}""").App!;
}
