using System.Text;
using System.Text.Json;
using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;
using static Regatta.Services.Tests.Launching.LaunchingFixtures;

namespace Regatta.Services.Tests.Launching;

public sealed class ServiceTaskJsonTests
{
    private static readonly DateTimeOffset Staged = new(2020, 1, 1, 10, 0, 1, TimeSpan.Zero);

    private static ServiceTaskView Running => new()
    {
        Id = "web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002",
        AppId = PathId.Parse("/web"),
        Host = "agent-1.example.com",
        SlaveId = "d4f3c2b1-0000-4000-8000-000000000001-S2",
        Condition = TaskCondition.Running,
        StagedAt = Staged,
        StartedAt = Staged.AddSeconds(2),
        Version = AppVersion,
        Ports = [31456, 31457],
        ServicePorts = [10000, 10001],
        IpAddresses = [new TaskIpAddress("10.0.1.7"), new TaskIpAddress("fd00::7", IpProtocol.IPv6)],
        HealthCheckResults =
        [
            new TaskHealthView(
                Alive: true,
                ConsecutiveFailures: 0,
                InstanceId: "web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002",
                FirstSuccess: Staged.AddSeconds(20),
                LastSuccess: Staged.AddSeconds(80)),
            new TaskHealthView(
                Alive: false,
                ConsecutiveFailures: 2,
                InstanceId: "web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002",
                LastFailure: Staged.AddSeconds(81),
                LastFailureCause: "ConnectException: Connection refused"),
        ],
        Region = "us-east",
        Zone = "a",
    };

    [Fact]
    public void WriteList_RunningAndStagingAndKilledTasks_MatchesGolden()
    {
        var staging = new ServiceTaskView
        {
            Id = "web.7a2d1c8f-2b3c-11ea-9c2f-0242ac110002",
            AppId = PathId.Parse("/web"),
            Host = "agent-2.example.com",
            SlaveId = "d4f3c2b1-0000-4000-8000-000000000001-S3",
            Condition = TaskCondition.Staging,
            StagedAt = Staged.AddMinutes(1),
            Version = AppVersion,
            Ports = [31002],
            Role = "web",
        };
        var killed = Running with { Id = "web.8b3e2d9a-3c4d-11ea-9c2f-0242ac110002", Condition = TaskCondition.Killed, HealthCheckResults = [] };

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AppJsonWriter.WriterOptions))
        {
            ServiceTaskJson.WriteList(writer, [Running, staging, killed]);
        }

        Golden.Launching.AssertMatches("tasks.json", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ToJson_InactiveTask_HidesPortsTimesAndVersion()
    {
        var json = JsonDocument.Parse(ServiceTaskJson.ToJson(Running with { Condition = TaskCondition.UnreachableInactive })).RootElement;

        Assert.Equal("TASK_UNREACHABLE", json.GetProperty("state").GetString());
        Assert.Equal(0, json.GetProperty("ports").GetArrayLength());
        Assert.Equal(2, json.GetProperty("servicePorts").GetArrayLength());
        Assert.False(json.TryGetProperty("stagedAt", out _));
        Assert.False(json.TryGetProperty("startedAt", out _));
        Assert.False(json.TryGetProperty("version", out _));
    }

    [Fact]
    public void ToJson_ScheduledTask_ShowsStagingWithoutOptionalFields()
    {
        var task = new ServiceTaskView { Id = "a.1", AppId = PathId.Parse("/a"), Host = "h", Condition = TaskCondition.Scheduled };

        Assert.Equal(
            """{"appId":"/a","healthCheckResults":[],"host":"h","id":"a.1","ipAddresses":[],"ports":[],"servicePorts":[],"state":"TASK_STAGING","localVolumes":[],"role":"*"}""",
            ServiceTaskJson.ToJson(task));
    }
}
