using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Coordination.Store;
using Regatta.Master.Core;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using Regatta.Resources;
using MasterEvent = Regatta.Protocol.V1.Master.Event;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Tests.Support;

/// <summary>
/// Drives a <see cref="MasterCore"/> with no sockets or disk: performs its outbox on recording fakes and
/// applies its registry mutations to an in-memory store, after every step.
/// </summary>
internal sealed class CoreHarness
{
    private int _streams;

    public CoreHarness(MasterOptions? options = null, RegistryState? registry = null)
    {
        Options = options ?? new MasterOptions { Registry = MasterOptions.InMemoryRegistry, AllocatorSeed = 7 };
        Core = new MasterCore(Options, new MasterInfo { Id = "M", Ip = 16777343, Port = 5050, Hostname = "master" }, Now, NullLogger.Instance);
        if (registry is not null)
        {
            Core.Recover(registry, Now);
        }

        Flush();
    }

    public MasterOptions Options { get; }

    public MasterCore Core { get; }

    public DateTimeOffset Now { get; private set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The registry as the master wrote it.</summary>
    public InMemoryStateStore Store { get; } = new();

    /// <summary>Every effect performed, in order.</summary>
    public List<MasterEffect> Performed { get; } = [];

    public List<MasterEvent> OperatorEvents { get; } = [];

    public List<StoreMutation> LastMutations { get; private set; } = [];

    /// <summary>Performs the outbox (LastMutations = what this flush wrote): commit mutations, then effects in order; runs a requested allocation like the host.</summary>
    public void Flush(bool allocate = true)
    {
        LastMutations = [];
        while (true)
        {
            var outbox = Core.Outbox;
            LastMutations.AddRange(outbox.Mutations);
            Store.ApplyAsync([.. outbox.Mutations], CancellationToken.None).GetAwaiter().GetResult();
            foreach (var effect in outbox.Effects)
            {
                Performed.Add(effect);
                EffectPerformer.Perform(effect, OperatorEvents.Add);
            }

            var allocation = allocate && outbox.AllocationRequested;
            var agents = outbox.AllocationAgents?.ToList();
            outbox.Clear();
            if (!allocation)
            {
                return;
            }

            Core.Allocate(Now, agents, TimeSpan.Zero);
        }
    }

    public void Advance(TimeSpan by)
    {
        Now += by;
        Core.Tick(Now);
        Flush();
    }

    public (string FrameworkId, RecordingFrameworkStream Stream, CallResult Result) Subscribe(FrameworkInfo info, params string[] suppressedRoles)
    {
        var stream = new RecordingFrameworkStream("stream-" + ++_streams);
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info } };
        call.Subscribe.SuppressedRoles.Add(suppressedRoles);
        if (info.Id is not null)
        {
            call.FrameworkId = info.Id;
        }

        CallResult? result = null;
        Core.Subscribe(call, stream, r => result = r, Now);
        Flush();
        return (result!.FrameworkId ?? "", stream, result);
    }

    public static FrameworkInfo Framework(string name = "fw", bool partitionAware = false, double failoverTimeout = 0, string? role = null)
    {
        var info = new FrameworkInfo { User = "root", Name = name, FailoverTimeout = failoverTimeout };
        if (role is not null)
        {
#pragma warning disable CS0612
            info.Role = role;
#pragma warning restore CS0612
        }

        if (partitionAware)
        {
            info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware });
        }

        return info;
    }

    public CallResult Send(string frameworkId, string? streamId, Call call)
    {
        call.FrameworkId = new FrameworkID { Value = frameworkId };
        CallResult? result = null;
        Core.HandleCall(call, streamId, r => result = r, Now);
        Flush();
        return result!;
    }

    public (string AgentId, RecordingAgentConnection Connection) RegisterAgent(string resources = "cpus:4;mem:4096", string hostname = "agent1", Register? register = null)
    {
        var connection = new RecordingAgentConnection();
        register ??= new Register { AgentInfo = new AgentInfo { Hostname = hostname } };
        if (register.AgentInfo.Resources.Count == 0)
        {
            register.AgentInfo.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse(resources)));
        }

        Core.HandleAgentFrame(connection, Frame(new AgentMessage { Register = register }), Now);
        Flush();
        var registered = connection.Messages.FirstOrDefault(m => m.KindCase == MasterMessage.KindOneofCase.Registered);
        return (registered?.Registered.AgentId.Value ?? "", connection);
    }

    public void AgentSends(RecordingAgentConnection connection, params AgentMessage[] messages)
    {
        Core.HandleAgentFrame(connection, Frame(messages), Now);
        Flush();
    }

    public static AgentFrame Frame(params AgentMessage[] messages)
    {
        var frame = new AgentFrame();
        frame.Messages.AddRange(messages);
        return frame;
    }

    public static AgentMessage Update(string frameworkId, string agentId, string taskId, TaskState state, ByteString? uuid = null, TaskState? latest = null)
    {
        var status = new TaskStatus
        {
            TaskId = new TaskID { Value = taskId },
            State = state,
            AgentId = new AgentID { Value = agentId },
            Source = TaskStatus.Types.Source.Executor,
            Uuid = uuid ?? ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            Timestamp = 1,
        };
        var update = new StatusUpdate { FrameworkId = new FrameworkID { Value = frameworkId }, Status = status };
        if (latest is { } l)
        {
            update.LatestState = l;
        }

        return new AgentMessage { StatusUpdate = update };
    }

    public static Call Accept(IEnumerable<Offer> offers, IEnumerable<TaskInfo> tasks, double? refuseSeconds = null)
    {
        var accept = new Call.Types.Accept();
        accept.OfferIds.AddRange(offers.Select(o => o.Id));
        var launch = new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch() };
        launch.Launch.TaskInfos.AddRange(tasks);
        accept.Operations.Add(launch);
        if (refuseSeconds is { } refuse)
        {
            accept.Filters = new Filters { RefuseSeconds = refuse };
        }

        return new Call { Type = Call.Types.Type.Accept, Accept = accept };
    }

    public static TaskInfo Task(string taskId, string agentId, string resources = "cpus:1;mem:128", string command = "sleep 1000")
    {
        var task = new TaskInfo
        {
            Name = taskId,
            TaskId = new TaskID { Value = taskId },
            AgentId = new AgentID { Value = agentId },
            Command = new CommandInfo { Value = command },
        };
        task.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse(resources)));
        return task;
    }

    public MasterSnapshot Snapshot() => Core.Snapshot(Now);

    public async Task<RegistryState> LoadRegistryAsync() => await RegistryLoader.LoadAsync(Store, CancellationToken.None);
}
