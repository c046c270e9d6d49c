using System.Text.Json;
using static Regatta.EndToEnd.Tests.TestCluster;

using Task = System.Threading.Tasks.Task;

namespace Regatta.EndToEnd.Tests;

/// <summary>A Docker app with BRIDGE networking and a port mapping, on a real agent whose Docker API is podman's.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DockerServicesEndToEndTests
{
    [DockerFact]
    public async Task DockerApp_Bridge_ServesOnItsMappedHostPort_FromAReadOnlyVolume()
    {
        await using var cluster = new TestCluster();
        var www = Directory.CreateTempSubdirectory("regatta-www-");
        await File.WriteAllTextAsync(Path.Combine(www.FullName, "index.html"), "served by a services app\n");
        await cluster.StartMasterAsync();
        await cluster.StartAgentAsync(
            "cpus:2;mem:1024;disk:1024;ports:[31000-31100]", "--containerizers=docker,mesos", $"--docker_socket={DockerFactAttribute.Socket}");
        await cluster.StartServicesAsync();

        // The 1.4 form, as the classic walkthroughs post it.
        var volume = "{\"containerPath\":\"/www\",\"hostPath\":" + JsonSerializer.Serialize(www.FullName) + ",\"mode\":\"RO\"}";
        var docker = "{\"image\":\"" + DockerFactAttribute.Image
            + "\",\"network\":\"BRIDGE\",\"portMappings\":[{\"containerPort\":8080,\"hostPort\":0,\"protocol\":\"tcp\"}]}";
        var app = "{\"id\":\"/docker-web\",\"cmd\":\"httpd -f -p 8080 -h /www\",\"cpus\":0.1,\"mem\":64,\"instances\":1,"
            + "\"container\":{\"type\":\"DOCKER\",\"volumes\":[" + volume + "],\"docker\":" + docker + "}}";
        var (status, created) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", app);
        Assert.Equal(201, status);
        Assert.Equal("container/bridge", created.GetProperty("networks")[0].GetProperty("mode").GetString());

        JsonElement task = default;
        await Eventually(async () =>
        {
            var tasks = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/tasks")).GetProperty("tasks");
            if (tasks.GetArrayLength() != 1)
            {
                return false;
            }

            task = tasks[0];
            return task.GetProperty("state").GetString() == "TASK_RUNNING";
        }, "the container runs", TimeSpan.FromSeconds(90));

        var hostPort = task.GetProperty("ports")[0].GetInt32();
        Assert.InRange(hostPort, 31000, 31100);
        Assert.InRange(task.GetProperty("servicePorts")[0].GetInt32(), 10000, 20000);
        string body = "";
        await Eventually(async () =>
        {
            body = await cluster.Http.GetStringAsync($"http://127.0.0.1:{hostPort}/");
            return true;
        }, "httpd answers on the mapped host port");
        Assert.Equal("served by a services app\n", body);

        var (deleted, _) = await cluster.SendJsonAsync(HttpMethod.Delete, cluster.ServicesUrl, "/v2/apps/docker-web");
        Assert.Equal(200, deleted);
        await Eventually(async () => (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/tasks")).GetProperty("tasks").GetArrayLength() == 0,
            "the container's task is gone", TimeSpan.FromSeconds(60));
        www.Delete(recursive: true);
    }
}

/// <summary>A fact that needs the Docker Engine API test.sh provides (podman) through REGATTA_DOCKER_SOCKET.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    /// <summary>The image tests/setup/podman.sh imports from busybox-static.</summary>
    public const string Image = "regatta-busybox:latest";

    public DockerFactAttribute()
    {
        if (string.IsNullOrEmpty(Socket) || !File.Exists(Socket))
        {
            Skip = "no Docker Engine API: REGATTA_DOCKER_SOCKET is not set to a socket (./test.sh sets it up with podman)";
        }
    }

    public static string Socket => Environment.GetEnvironmentVariable("REGATTA_DOCKER_SOCKET") ?? "";
}
