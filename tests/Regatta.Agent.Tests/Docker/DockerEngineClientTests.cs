using System.Text.Json.Nodes;
using Regatta.Agent.Containerizers.Docker;

namespace Regatta.Agent.Tests.Docker;

public sealed class DockerEngineClientTests
{
    [Fact]
    public async Task ImageExistsAsync_404_IsFalse()
    {
        var engine = new FakeDockerEngine();
        engine.Images.Add("busybox:latest");
        using var client = new DockerEngineClient(engine, "fake");

        Assert.True(await client.ImageExistsAsync("busybox:latest", CancellationToken.None));
        Assert.False(await client.ImageExistsAsync("nope:1", CancellationToken.None));
        Assert.Equal(["/v1.41/images/busybox:latest/json", "/v1.41/images/nope:1/json"], engine.Paths("GET"));
    }

    [Fact]
    public async Task PullImageAsync_ErrorInTheProgressStream_Throws()
    {
        var engine = new FakeDockerEngine();
        using var client = new DockerEngineClient(engine, "fake");

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => client.PullImageAsync("registry:5000/team/app:2", CancellationToken.None));

        Assert.Contains("no route to registry", error.Message, StringComparison.Ordinal);
        Assert.Equal("/v1.41/images/create?fromImage=registry%3A5000%2Fteam%2Fapp&tag=2", Assert.Single(engine.Paths("POST")));
    }

    [Fact]
    public async Task CreateContainerAsync_PostsTheBodyUnderTheName()
    {
        var engine = new FakeDockerEngine();
        engine.Images.Add("busybox");
        using var client = new DockerEngineClient(engine, "fake");
        var body = new JsonObject { ["Image"] = "busybox", ["Labels"] = new JsonObject { ["k"] = "v" } };

        var id = await client.CreateContainerAsync("mesos-c1", body, CancellationToken.None);

        var request = Assert.Single(engine.Requests);
        Assert.Equal("/v1.41/containers/create?name=mesos-c1", request.Path);
        Assert.Equal("v", JsonNode.Parse(request.Body)!["Labels"]!["k"]!.GetValue<string>());
        Assert.Equal(Assert.Single(engine.Containers).Id, id);
    }

    [Fact]
    public async Task CreateContainerAsync_EngineError_CarriesTheEngineMessage()
    {
        var engine = new FakeDockerEngine();
        using var client = new DockerEngineClient(engine, "fake");

        var error = await Assert.ThrowsAsync<DockerEngineException>(
            () => client.CreateContainerAsync("mesos-c1", new JsonObject { ["Image"] = "ghost", ["Labels"] = new JsonObject() }, CancellationToken.None));

        Assert.Equal("create container 'mesos-c1': 404 No such image", error.Message);
    }

    [Fact]
    public async Task ListContainersAsync_KeepsOnlyTheNamePrefix()
    {
        var engine = new FakeDockerEngine();
        engine.AddContainer("mesos-a", running: true);
        engine.AddContainer("not-mesos-b", running: false);
        using var client = new DockerEngineClient(engine, "fake");

        var list = await client.ListContainersAsync("mesos-", CancellationToken.None);

        Assert.Equal("mesos-a", Assert.Single(list).Name);
        Assert.True(list[0].Running);
        Assert.Contains("filters=%7B%22name%22%3A%5B%22mesos-%22%5D%7D", Assert.Single(engine.Paths("GET")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopContainerAsync_PassesTheGraceInSeconds()
    {
        var engine = new FakeDockerEngine();
        var container = engine.AddContainer("mesos-a", running: true);
        using var client = new DockerEngineClient(engine, "fake");

        await client.StopContainerAsync(container.Id, TimeSpan.FromMilliseconds(2500), CancellationToken.None);
        await client.StopContainerAsync("gone", TimeSpan.Zero, CancellationToken.None);

        Assert.Equal([$"/v1.41/containers/{container.Id}/stop?t=3", "/v1.41/containers/gone/stop?t=0"], engine.Paths("POST"));
    }

    [Fact]
    public async Task PingAsync_NoSocket_SaysTheEngineIsUnreachable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"regatta-nosock-{Guid.NewGuid():N}.sock");
        using var client = new DockerEngineClient(path, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<DockerEngineException>(() => client.PingAsync(CancellationToken.None));

        Assert.StartsWith($"cannot reach the Docker Engine at unix://{path}", error.Message, StringComparison.Ordinal);
    }
}
