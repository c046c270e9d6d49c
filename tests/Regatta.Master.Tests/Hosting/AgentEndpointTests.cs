using System.Net;
using System.Net.WebSockets;
using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Hosting;

/// <summary>The agent protocol endpoint: handshake rules, bad frames, liveness.</summary>
public sealed class AgentEndpointTests
{
    [Fact]
    public async Task Get_WithoutUpgrade_BadRequestNamingSubprotocol()
    {
        await using var master = await TestMaster.StartAsync();
        using var http = new HttpClient { BaseAddress = master.Endpoint };

        using var response = await http.GetAsync("agent/v1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("regatta.agent.v1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongSubprotocol_Rejected()
    {
        await using var master = await TestMaster.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("regatta.agent.v0");

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new UriBuilder(master.Endpoint) { Scheme = "ws", Path = "/agent/v1" }.Uri, CancellationToken.None));
    }

    [Fact]
    public async Task TextFrame_ClosedWithInvalidMessageType()
    {
        await using var master = await TestMaster.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(master.Endpoint);

        await agent.SendRawAsync("hello"u8.ToArray(), WebSocketMessageType.Text);
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, agent.CloseStatus);
    }

    [Fact]
    public async Task GarbageFrame_ClosedWithInvalidPayload()
    {
        await using var master = await TestMaster.StartAsync();
        await using var agent = await FakeAgent.ConnectAsync(master.Endpoint);

        await agent.SendRawAsync([0xff, 0xff, 0xff, 0xff], WebSocketMessageType.Binary);
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, agent.CloseStatus);
    }

    [Theory]
    [InlineData(false, TaskState.TaskLost)]
    [InlineData(true, TaskState.TaskUnreachable)]
    public async Task AgentStopsAnsweringPings_TasksLostOrUnreachableAndFailure(bool partitionAware, TaskState expected)
    {
        await using var master = await TestMaster.StartAsync(TestMaster.Options() with
        {
            AgentPingTimeout = TimeSpan.FromMilliseconds(150),
            MaxAgentPingTimeouts = 2,
        });
        using var client = new SchedulerTestClient(master.Endpoint);
        var info = new FrameworkInfo { User = "root", Name = "pings" };
        if (partitionAware)
        {
            info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware });
        }

        await using var scheduler = await client.SubscribeAsync(info);
        await using var agent = await FakeAgent.ConnectAsync(master.Endpoint);
        await agent.RegisterAsync();
        var offer = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();
        await client.PostAsync(scheduler, CoreHarness.Accept([offer], [CoreHarness.Task("t", agent.AgentId)]));
        await agent.NextAsync(MasterMessage.KindOneofCase.RunTask);

        agent.AnswerPings = false;

        var update = (await scheduler.NextAsync(EventType.Update)).Update.Status;
        Assert.Equal(expected, update.State);
        Assert.Equal(agent.AgentId, (await scheduler.NextAsync(EventType.Failure)).Failure.AgentId.Value);
        await agent.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
