using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class TaskEnvironmentTests
{
    private static string Render(IReadOnlyDictionary<string, string> env) =>
        string.Join("\n", env.Select(kv => $"{kv.Key}={kv.Value}"));

    [Fact]
    public void Build_HostNetworkingApp_GoldenOutput()
    {
        var input = new TaskEnvironmentInput(
            AppId: "/webshop/db",
            Version: "2020-01-01T10:00:00.000Z",
            TaskId: "webshop_db.802df2ae-3ad4-11e4-a400-56847afe9799",
            Hostname: "agent-1.example.com",
            Cpus: 1,
            Mem: 128,
            Disk: 0,
            Gpus: 0,
            Ports: [new TaskPortView(10000, 31456, Name: "http"), new TaskPortView(10001, 31457)],
            Labels: new Dictionary<string, string> { ["HAPROXY_GROUP"] = "external", ["team.name"] = "shop-team" },
            UserEnv: new Dictionary<string, string> { ["DB_URL"] = "postgres://db", ["HOST"] = "overridden" });

        const string expected = """
            PORT0=31456
            PORT1=31457
            PORT=31456
            PORTS=31456,31457
            PORT_10000=31456
            PORT_10001=31457
            PORT_HTTP=31456
            HOST=overridden
            MARATHON_APP_ID=/webshop/db
            MARATHON_APP_VERSION=2020-01-01T10:00:00.000Z
            MARATHON_APP_RESOURCE_CPUS=1.0
            MARATHON_APP_RESOURCE_MEM=128.0
            MARATHON_APP_RESOURCE_DISK=0.0
            MARATHON_APP_RESOURCE_GPUS=0
            MARATHON_APP_LABELS=HAPROXY_GROUP TEAM_NAME
            MARATHON_APP_LABEL_HAPROXY_GROUP=external
            MARATHON_APP_LABEL_TEAM_NAME=shop-team
            MESOS_TASK_ID=webshop_db.802df2ae-3ad4-11e4-a400-56847afe9799
            DB_URL=postgres://db
            """;
        Assert.Equal(expected, Render(TaskEnvironment.Build(input)));
    }

    [Fact]
    public void Build_BridgeDockerApp_GoldenOutput()
    {
        var input = new TaskEnvironmentInput(
            AppId: "/web",
            Version: "2021-05-06T07:08:09.010Z",
            TaskId: "web.0b7e6f1c-1a2b-11ea-9c2f-0242ac110002",
            Hostname: "h2",
            Cpus: 0.25,
            Mem: 64.5,
            Disk: 1e7,
            Gpus: 1,
            Ports: [new TaskPortView(80, 31001, 80, "web"), new TaskPortView(9090, null, 9090, "metrics")],
            DockerImage: "nginx:1.25",
            EnvVarsPrefix: "APP_",
            EnforceGroupRole: false);

        const string expected = """
            APP_PORT0=31001
            APP_PORT1=9090
            APP_PORT=31001
            APP_PORTS=31001
            APP_PORT_80=31001
            APP_PORT_9090=9090
            APP_PORT_WEB=31001
            APP_PORT_METRICS=9090
            APP_HOST=h2
            MARATHON_APP_ID=/web
            MARATHON_APP_VERSION=2021-05-06T07:08:09.010Z
            MARATHON_APP_DOCKER_IMAGE=nginx:1.25
            MARATHON_APP_RESOURCE_CPUS=0.25
            MARATHON_APP_RESOURCE_MEM=64.5
            MARATHON_APP_RESOURCE_DISK=1.0E7
            MARATHON_APP_RESOURCE_GPUS=1
            MARATHON_APP_ENFORCE_GROUP_ROLE=FALSE
            MARATHON_APP_LABELS=
            MESOS_TASK_ID=web.0b7e6f1c-1a2b-11ea-9c2f-0242ac110002
            """;
        Assert.Equal(expected, Render(TaskEnvironment.Build(input)));
    }

    [Fact]
    public void Build_NoPorts_NoPortVariables()
    {
        var env = TaskEnvironment.Build(new TaskEnvironmentInput("/a", "v", "a.1", "h", 1, 1, 0, 0, []));

        Assert.DoesNotContain(env.Keys, k => k.StartsWith("PORT", StringComparison.Ordinal));
        Assert.Equal("h", env["HOST"]);
    }

    [Fact]
    public void Build_PortWithoutNumber_LeavesIndexGap()
    {
        var env = TaskEnvironment.Build(new TaskEnvironmentInput(
            "/a", "v", "a.1", "h", 1, 1, 0, 0, [new TaskPortView(0, null, 0), new TaskPortView(0, 31000)]));

        Assert.False(env.ContainsKey("PORT0"));
        Assert.Equal("31000", env["PORT1"]);
        Assert.Equal("31000", env["PORT"]);
        Assert.Equal("31000", env["PORTS"]);
    }

    [Fact]
    public void Build_LongLabels_SkippedAtMarathonLimits()
    {
        var labels = new Dictionary<string, string>
        {
            ["ok-value"] = new string('v', 511),
            ["long-value"] = new string('v', 512),
            [new string('k', 492)] = "ok-key",
            [new string('q', 493)] = "long-key",
        };

        var env = TaskEnvironment.Build(new TaskEnvironmentInput("/a", "v", "a.1", "h", 1, 1, 0, 0, [], labels));

        Assert.Equal($"{new string('K', 492)} OK_VALUE", env["MARATHON_APP_LABELS"]);
        Assert.Equal(511, env["MARATHON_APP_LABEL_OK_VALUE"].Length);
        Assert.False(env.ContainsKey("MARATHON_APP_LABEL_LONG_VALUE"));
        Assert.DoesNotContain(env.Keys, k => k.Contains("QQQ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("HAPROXY_0_VHOST", "HAPROXY_0_VHOST")]
    [InlineData("a.b-c", "A_B_C")]
    [InlineData("x..--y", "X_Y")]
    [InlineData("ünï", "_N_")]
    public void SanitizeLabelKey_UpperCasesAndCollapsesRuns(string key, string expected)
    {
        Assert.Equal(expected, TaskEnvironment.SanitizeLabelKey(key));
    }
}
