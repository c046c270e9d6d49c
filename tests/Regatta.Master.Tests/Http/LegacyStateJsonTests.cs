using System.Text.Json;
using Regatta.Master.Http;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class LegacyStateJsonTests
{
    [Fact]
    public async Task WriteAsync_OneOfEach_HasMesosTopLevelKeysInOrder()
    {
        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, OneOfEach()));

        Assert.Equal(
            [
                "version", "build_date", "build_time", "build_user", "start_time", "elected_time", "id", "pid", "hostname",
                "capabilities", "activated_slaves", "deactivated_slaves", "unreachable_slaves", "leader", "leader_info",
                "cluster", "flags", "slaves", "recovered_slaves", "frameworks", "completed_frameworks", "orphan_tasks",
                "unregistered_frameworks",
            ],
            Keys(json.RootElement));
        var root = json.RootElement;
        Assert.Equal("1.11.0", root.GetProperty("version").GetString());
        Assert.Equal(1704067200.0, root.GetProperty("start_time").GetDouble());
        Assert.Equal(1704067201.0, root.GetProperty("elected_time").GetDouble());
        Assert.Equal("master@127.0.0.1:5050", root.GetProperty("leader").GetString());
        Assert.Equal(1, root.GetProperty("activated_slaves").GetInt32());
        Assert.Equal("prod", root.GetProperty("cluster").GetString());
        Assert.Equal("/var/lib/regatta", root.GetProperty("flags").GetProperty("work_dir").GetString());
        var leader = root.GetProperty("leader_info");
        Assert.Equal(["id", "pid", "port", "hostname"], Keys(leader));
        Assert.Equal(5050, leader.GetProperty("port").GetInt32());
        Assert.Equal(0, root.GetProperty("orphan_tasks").GetArrayLength());
    }

    [Fact]
    public async Task WriteAsync_Agent_RendersFlatResourcesAttributesAndReservations()
    {
        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, OneOfEach()));

        var slave = json.RootElement.GetProperty("slaves")[0];
        Assert.Equal(
            [
                "id", "hostname", "port", "attributes", "pid", "registered_time", "resources", "used_resources",
                "offered_resources", "reserved_resources", "unreserved_resources", "active", "deactivated", "version",
                "capabilities",
            ],
            Keys(slave));
        Assert.Equal(AgentId, slave.GetProperty("id").GetString());
        Assert.Equal("slave(1)@127.0.0.1:5051", slave.GetProperty("pid").GetString());
        Assert.Equal("r1", slave.GetProperty("attributes").GetProperty("rack").GetString());
        Assert.Equal(2, slave.GetProperty("attributes").GetProperty("level").GetDouble());
        var resources = slave.GetProperty("resources");
        Assert.Equal(6, resources.GetProperty("cpus").GetDouble());
        Assert.Equal(0, resources.GetProperty("gpus").GetDouble());
        Assert.Equal("[31000-32000]", resources.GetProperty("ports").GetString());
        Assert.Equal(1, slave.GetProperty("used_resources").GetProperty("cpus").GetDouble());
        Assert.Equal(2, slave.GetProperty("offered_resources").GetProperty("cpus").GetDouble());
        Assert.Equal(2, slave.GetProperty("reserved_resources").GetProperty("web").GetProperty("cpus").GetDouble());
        Assert.Equal(4, slave.GetProperty("unreserved_resources").GetProperty("cpus").GetDouble());
        Assert.Equal(["MULTI_ROLE"], slave.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1704067210.0, slave.GetProperty("registered_time").GetDouble());
    }

    [Fact]
    public async Task WriteAsync_Framework_RendersFullFormWithTasksOffersAndRole()
    {
        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, OneOfEach()));

        var framework = json.RootElement.GetProperty("frameworks")[0];
        Assert.Equal(
            [
                "id", "name", "used_resources", "offered_resources", "capabilities", "hostname", "webui_url", "active",
                "connected", "recovered", "user", "failover_timeout", "checkpoint", "registered_time", "unregistered_time",
                "principal", "resources", "reregistered_time", "role", "tasks", "unreachable_tasks", "completed_tasks",
                "offers", "executors", "offer_constraints",
            ],
            Keys(framework));
        Assert.False(framework.TryGetProperty("pid", out _));
        Assert.Equal(["PARTITION_AWARE"], framework.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("*", framework.GetProperty("role").GetString());
        Assert.Equal(3, framework.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal(2, framework.GetProperty("tasks").GetArrayLength());
        Assert.Equal("t-unreachable", framework.GetProperty("unreachable_tasks")[0].GetProperty("id").GetString());
        Assert.Equal("t-done", framework.GetProperty("completed_tasks")[0].GetProperty("id").GetString());

        var offer = framework.GetProperty("offers")[0];
        Assert.Equal(["id", "framework_id", "allocation_info", "slave_id", "resources"], Keys(offer));
        Assert.Equal("*", offer.GetProperty("allocation_info").GetProperty("role").GetString());
        Assert.Equal(256, offer.GetProperty("resources").GetProperty("mem").GetDouble());
    }

    [Fact]
    public async Task WriteAsync_Task_RendersMesosTaskObject()
    {
        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, OneOfEach()));

        var task = json.RootElement.GetProperty("frameworks")[0].GetProperty("tasks")[0];
        Assert.Equal(
            ["id", "name", "framework_id", "executor_id", "slave_id", "state", "resources", "role", "statuses", "user"],
            Keys(task));
        Assert.Equal(string.Empty, task.GetProperty("executor_id").GetString());
        Assert.Equal("TASK_RUNNING", task.GetProperty("state").GetString());
        Assert.Equal(0.5, task.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal("[31000-31001]", task.GetProperty("resources").GetProperty("ports").GetString());
        var statuses = task.GetProperty("statuses");
        Assert.Equal(["state", "timestamp"], Keys(statuses[0]));
        Assert.Equal(["state", "timestamp", "healthy"], Keys(statuses[1]));
        Assert.Equal(101, statuses[1].GetProperty("timestamp").GetDouble());
    }

    [Fact]
    public async Task WriteAsync_NotElected_OmitsLeaderAndElectedTime()
    {
        var snapshot = OneOfEach() with { ElectedTime = null, Cluster = null };

        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, snapshot));

        var keys = Keys(json.RootElement);
        Assert.DoesNotContain("elected_time", keys);
        Assert.DoesNotContain("leader", keys);
        Assert.DoesNotContain("leader_info", keys);
        Assert.DoesNotContain("cluster", keys);
    }

    [Fact]
    public async Task WriteAsync_ManyTasks_StreamsInSlicesAsValidJson()
    {
        var snapshot = OneOfEach();
        var framework = snapshot.Frameworks[0];
        var tasks = Enumerable.Range(0, 3000).Select(i => Task($"bulk-{i}", Regatta.Protocol.V1.TaskState.TaskRunning, i)).ToList();
        snapshot = snapshot with { Frameworks = [framework with { Tasks = tasks }] };

        using var json = await RenderAsync(s => LegacyStateJson.WriteAsync(s, snapshot));

        var rendered = json.RootElement.GetProperty("frameworks")[0].GetProperty("tasks");
        Assert.Equal(3000, rendered.GetArrayLength());
        Assert.Equal("bulk-2999", rendered[2999].GetProperty("id").GetString());
    }
}
