using Regatta.Services.Deployments;
using static Regatta.Services.Tests.Deployments.Build;

namespace Regatta.Services.Tests.Deployments;

public sealed class DeploymentPlannerTests
{
    [Fact]
    public void Plan_NewApp_StartsWithZeroThenScales()
    {
        var plan = DeploymentPlanner.Plan("d1", "2024-01-01T00:00:00.000Z", Apps(), Apps(App("/foo", instances: 3)));

        Assert.Equal(["StartApplication /foo", "ScaleApplication /foo"], Render(plan));
        Assert.Equal(["/foo"], plan.AffectedApps);
        Assert.Equal("d1", plan.Id);
        Assert.Equal("2024-01-01T00:00:00.000Z", plan.Version);
    }

    [Fact]
    public void Plan_InstancesOnlyChanged_Scales()
    {
        var before = App("/foo", "v1", 2);
        var after = before with { Version = "v2", Instances = 5 };

        var plan = DeploymentPlanner.Plan("d", "v2", Apps(before), Apps(after));

        Assert.Equal(["ScaleApplication /foo"], Render(plan));
    }

    [Fact]
    public void Plan_ConfigChanged_Restarts()
    {
        var before = App("/foo", "v1", 2);
        var after = App("/foo", "v2", 4);

        var plan = DeploymentPlanner.Plan("d", "v2", Apps(before), Apps(after));

        Assert.Equal(["RestartApplication /foo"], Render(plan));
    }

    [Fact]
    public void Plan_ConfigChangedToZeroInstances_ScalesInsteadOfRestarting()
    {
        var plan = DeploymentPlanner.Plan("d", "v2", Apps(App("/foo", "v1", 2)), Apps(App("/foo", "v2", 0)));

        Assert.Equal(["ScaleApplication /foo"], Render(plan));
    }

    [Fact]
    public void Plan_RestartRequestedWithoutConfigChange_Restarts()
    {
        var before = App("/foo", "v1", 2);
        var after = before with { Version = "v2" };
        var options = new PlanOptions { RestartRequested = new HashSet<string> { "/foo" } };

        var plan = DeploymentPlanner.Plan("d", "v2", Apps(before), Apps(after), options);

        Assert.Equal(["RestartApplication /foo"], Render(plan));
    }

    [Fact]
    public void Plan_NothingChanged_IsEmpty()
    {
        var app = App("/foo", "v1", 2);

        var plan = DeploymentPlanner.Plan("d", "v2", Apps(app), Apps(app with { Version = "v2" }));

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.AffectedApps);
    }

    [Fact]
    public void Plan_AppRemoved_StopsItFirst()
    {
        var plan = DeploymentPlanner.Plan(
            "d", "v2", Apps(App("/old"), App("/keep")), Apps(App("/keep"), App("/new")));

        Assert.Equal(["StopApplication /old", "StartApplication /new", "ScaleApplication /new"], Render(plan));
        Assert.Equal(["/new", "/old"], plan.AffectedApps);
    }

    [Fact]
    public void Plan_ThreeAppsInAChain_OrdersByDependency()
    {
        // /web needs /api, /api needs /db: one step per level, dependencies first.
        var target = Apps(App("/web", "v1", 2, "/api"), App("/api", "v1", 2, "/db"), App("/db", "v1", 1));

        var plan = DeploymentPlanner.Plan("d", "v1", Apps(), target);

        Assert.Equal(
            [
                "StartApplication /api, StartApplication /db, StartApplication /web",
                "ScaleApplication /db",
                "ScaleApplication /api",
                "ScaleApplication /web",
            ],
            Render(plan));
    }

    [Fact]
    public void Plan_LongestChainDecidesLevel_SameLevelRunsInParallel()
    {
        // /c depends on /a directly and through /b, so it waits for /b; /a and /d share level 0.
        var original = Apps(App("/a"), App("/b", "v1", 1, "/a"), App("/c", "v1", 1, "/a", "/b"), App("/d"));
        var target = Apps(App("/a", "v2"), App("/b", "v2", 1, "/a"), App("/c", "v2", 1, "/a", "/b"), App("/d", "v2"));

        var plan = DeploymentPlanner.Plan("d", "v2", original, target);

        Assert.Equal(
            ["RestartApplication /a, RestartApplication /d", "RestartApplication /b", "RestartApplication /c"],
            Render(plan));
    }

    [Fact]
    public void Plan_UnchangedMiddleOfChain_DropsItsEmptyStep()
    {
        var original = Apps(App("/a"), App("/b", "v1", 1, "/a"), App("/c", "v1", 1, "/b"));
        var target = Apps(App("/a", "v2"), App("/b", "v1", 1, "/a"), App("/c", "v2", 1, "/b"));

        var plan = DeploymentPlanner.Plan("d", "v2", original, target);

        Assert.Equal(["RestartApplication /a", "RestartApplication /c"], Render(plan));
    }

    [Fact]
    public void Plan_DependencyCycle_Throws()
    {
        var target = Apps(App("/a", "v1", 1, "/c"), App("/b", "v1", 1, "/a"), App("/c", "v1", 1, "/b"), App("/x"));

        var error = Assert.Throws<DependencyCycleException>(() => DeploymentPlanner.Plan("d", "v1", Apps(), target));

        Assert.Equal(["/a", "/c", "/b", "/a"], error.Cycle);
        Assert.Contains("cyclic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindCycle_SelfDependency_IsACycle()
    {
        Assert.Equal(["/a", "/a"], DependencyOrder.FindCycle(Apps(App("/a", "v1", 1, "/a"))));
        Assert.Null(DependencyOrder.FindCycle(Apps(App("/a", "v1", 1, "/missing"), App("/b", "v1", 1, "/a"))));
    }

    [Fact]
    public void Plan_SentencedTasks_TravelWithTheScale()
    {
        var options = new PlanOptions
        {
            Sentenced = new Dictionary<string, IReadOnlyList<string>> { ["/foo"] = ["t1", "t2"] },
        };

        var plan = DeploymentPlanner.Plan("d", "v2", Apps(App("/foo", "v1", 5)), Apps(App("/foo", "v1", 3) with { Version = "v2", ConfigVersion = "v1" }), options);

        var action = Assert.Single(Assert.Single(plan.Steps).Actions);
        Assert.Equal(DeploymentActionKind.ScaleApplication, action.Kind);
        Assert.Equal(["t1", "t2"], action.SentencedTasks);
    }

    [Fact]
    public void FindConflicts_OverlappingApps_AreLocked()
    {
        var running1 = DeploymentPlanner.Plan("r1", "v", Apps(), Apps(App("/a"), App("/b")));
        var running2 = DeploymentPlanner.Plan("r2", "v", Apps(), Apps(App("/c")));
        var running3 = DeploymentPlanner.Plan("r3", "v", Apps(App("/b", "v1", 1)), Apps(App("/b", "v1", 4)));
        var plan = DeploymentPlanner.Plan("new", "v", Apps(App("/b"), App("/d")), Apps(App("/b", "v2"), App("/d", "v2")));

        var conflicts = DeploymentPlanner.FindConflicts(plan, [running1, running2, running3]);

        Assert.Equal(["r1", "r3"], conflicts.Select(c => c.Id));
        Assert.False(plan.ConflictsWith(running2));
    }

    [Fact]
    public void Rollback_RevertsOnlyWhatTheDeploymentTouched()
    {
        // The deployment changed /a's config, scaled /b, created /c and removed /d; /e changed meanwhile.
        var original = Apps(App("/a", "v1", 2), App("/b", "v1", 2), App("/d", "v1", 1), App("/e", "v1", 1));
        var target = Apps(
            App("/a", "v2", 2),
            App("/b", "v1", 4) with { Version = "v2" },
            App("/c", "v2", 1),
            App("/e", "v1", 1));
        var deployment = DeploymentPlanner.Plan("d1", "v2", original, target);
        var current = new Dictionary<string, PlannedApp>(target) { ["/e"] = App("/e", "v3", 1) };

        var revert = DeploymentPlanner.Rollback(deployment, current, "d2", "v4");

        Assert.Equal(
            ["StopApplication /c", "StartApplication /d", "RestartApplication /a, ScaleApplication /b, ScaleApplication /d"],
            Render(revert));
        Assert.Equal("d2", revert.Id);
        Assert.Same(original["/a"], revert.Target["/a"]);
        Assert.Equal(2, revert.Target["/b"].Instances);
        Assert.Equal("v3", revert.Target["/e"].Version);
        Assert.False(revert.Target.ContainsKey("/c"));
    }
}
