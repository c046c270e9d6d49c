using Google.Protobuf;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

/// <summary>Builders for the scheduler API events the master sends.</summary>
internal static class SchedulerEvents
{
    public static Event Heartbeat { get; } = new() { Type = Event.Types.Type.Heartbeat };

    public static Event Subscribed(string frameworkId, double heartbeatSeconds, MasterInfo masterInfo) => new()
    {
        Type = Event.Types.Type.Subscribed,
        Subscribed = new Event.Types.Subscribed
        {
            FrameworkId = new FrameworkID { Value = frameworkId },
            HeartbeatIntervalSeconds = heartbeatSeconds,
            MasterInfo = masterInfo,
        },
    };

    public static Event Error(string message) => new()
    {
        Type = Event.Types.Type.Error,
        Error = new Event.Types.Error { Message = message },
    };

    public static Event Offers(IEnumerable<Offer> offers)
    {
        var payload = new Event.Types.Offers();
        payload.Offers_.AddRange(offers);
        return new Event { Type = Event.Types.Type.Offers, Offers = payload };
    }

    public static Event Rescind(string offerId) => new()
    {
        Type = Event.Types.Type.Rescind,
        Rescind = new Event.Types.Rescind { OfferId = new OfferID { Value = offerId } },
    };

    public static Event Update(TaskStatus status) => new()
    {
        Type = Event.Types.Type.Update,
        Update = new Event.Types.Update { Status = status },
    };

    public static Event AgentFailure(string agentId) => new()
    {
        Type = Event.Types.Type.Failure,
        Failure = new Event.Types.Failure { AgentId = new AgentID { Value = agentId } },
    };

    public static Event Message(AgentID agentId, ExecutorID executorId, ByteString data) => new()
    {
        Type = Event.Types.Type.Message,
        Message = new Event.Types.Message { AgentId = agentId, ExecutorId = executorId, Data = data },
    };
}
