using Regatta.Master.Core;
using Regatta.Master.Registry;
using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using MasterEventType = Regatta.Protocol.V1.Master.Event.Types.Type;

namespace Regatta.Master.Tests.Core;

public sealed class MasterCoreTests
{
    [Fact]
    public void Subscribe_NewFramework_PersistedBeforeSubscribedThenHeartbeat()
    {
        var harness = new CoreHarness();

        var (frameworkId, stream, result) = harness.Subscribe(CoreHarness.Framework());

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("M-0000", frameworkId);
        Assert.Contains(harness.LastMutations, m => m.Key == RegistryKeys.Framework(frameworkId) && m.Value is not null);
        Assert.Equal([EventType.Subscribed, EventType.Heartbeat], stream.Events.Select(e => e.Type));
        Assert.Equal(15, stream.Events[0].Subscribed.HeartbeatIntervalSeconds);
        Assert.Equal("M", stream.Events[0].Subscribed.MasterInfo.Id);
        Assert.Contains(harness.OperatorEvents, e => e.Type == MasterEventType.FrameworkAdded);
    }

    [Fact]
    public void Subscribe_RolesWithoutMultiRole_BadRequestNamingTheField()
    {
        var harness = new CoreHarness();
        var info = CoreHarness.Framework();
        info.Roles.Add("web");

        var (_, stream, result) = harness.Subscribe(info);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("'FrameworkInfo.roles'", result.Message, StringComparison.Ordinal);
        Assert.Empty(stream.Events);
        Assert.Empty(harness.Core.Frameworks);
    }

    [Fact]
    public void Subscribe_SecondTimeWithId_ClosesOldStreamWithError()
    {
        var harness = new CoreHarness();
        var (frameworkId, first, _) = harness.Subscribe(CoreHarness.Framework());
        var info = CoreHarness.Framework();
        info.Id = new FrameworkID { Value = frameworkId };

        var (sameId, second, result) = harness.Subscribe(info);

        Assert.Equal(frameworkId, sameId);
        Assert.Equal(200, result.StatusCode);
        Assert.True(first.Closed);
        Assert.Equal(EventType.Error, first.Events[^1].Type);
        Assert.Equal(EventType.Subscribed, second.Events[0].Type);
        Assert.Same(second, harness.Core.Frameworks[frameworkId].Stream);
    }

    [Fact]
    public void RegisterAgent_New_AssignsIdPersistsAndReplies()
    {
        var harness = new CoreHarness();

        var (agentId, connection) = harness.RegisterAgent();

        Assert.Equal("M-S0", agentId);
        Assert.Contains(harness.LastMutations, m => m.Key == RegistryKeys.Agent(agentId));
        var registered = connection.Messages.Single(m => m.KindCase == MasterMessage.KindOneofCase.Registered).Registered;
        Assert.Equal(15, registered.PingIntervalSeconds);
        Assert.Equal("M", registered.MasterInfo.Id);
    }

    [Fact]
    public void RegisterAgent_InvalidResources_RefusedAndClosed()
    {
        var harness = new CoreHarness();
        var register = new Register { AgentInfo = new AgentInfo { Hostname = "bad" } };
        register.AgentInfo.Resources.Add(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = -1 } });

        var (agentId, connection) = harness.RegisterAgent(register: register);

        Assert.Equal("", agentId);
        Assert.Single(connection.Messages, m => m.KindCase == MasterMessage.KindOneofCase.Refused);
        Assert.NotNull(connection.ClosedWith);
        Assert.Empty(harness.Core.Agents);
    }

    [Fact]
    public void AgentMessage_BeforeRegister_ClosesConnection()
    {
        var harness = new CoreHarness();
        var connection = new RecordingAgentConnection();

        harness.AgentSends(connection, new AgentMessage { Pong = new Pong { Sequence = 1 } });

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, connection.ClosedWith?.Status);
    }

    [Fact]
    public void Allocate_FrameworkAndAgent_OneOffersEventWithAgentResources()
    {
        var harness = new CoreHarness();
        var (frameworkId, stream, _) = harness.Subscribe(CoreHarness.Framework());

        var (agentId, _) = harness.RegisterAgent("cpus:4;mem:4096");

        var offers = stream.Take(EventType.Offers);
        var offer = Assert.Single(Assert.Single(offers).Offers.Offers_);
        Assert.Equal(agentId, offer.AgentId.Value);
        Assert.Equal(frameworkId, offer.FrameworkId.Value);
        Assert.Equal("agent1", offer.Hostname);
        Assert.Equal("/slave(1)", offer.Url.Path);
        Assert.Equal("*", offer.AllocationInfo.Role);
        Assert.All(offer.Resources, r => Assert.Equal("*", r.AllocationInfo.Role));
        Assert.Equal(4, offer.Resources.Single(r => r.Name == "cpus").Scalar.Value);
    }
}
