using System.Globalization;
using Microsoft.Extensions.Logging;
using Regatta.Allocation;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;

namespace Regatta.Master.Core;

/// <summary>
/// The master as a state machine. Every method runs on the actor (one at a time), takes the current time as
/// data, mutates only in-memory state, and writes what must happen into <see cref="Outbox"/>: registry
/// mutations (committed first) and effects (sends, closes, replies, operator events — performed after the
/// commit, in order). It never performs I/O, so tests drive it directly and inspect the outbox.
/// Split by concern: Frameworks, Calls, Accept, Agents, Updates, Offers, Reconcile, Recovery, Snapshot, Timers.
/// </summary>
internal sealed partial class MasterCore
{
    private readonly MasterOptions _options;
    private readonly ILogger _logger;
    private readonly HierarchicalAllocator _allocator;
    private readonly long[] _counters = new long[Enum.GetValues<MasterCounter>().Length];
    private readonly Dictionary<string, FrameworkRecord> _frameworks = new(StringComparer.Ordinal);
    private readonly LinkedList<FrameworkSnapshot> _completedFrameworks = new();
    private readonly Dictionary<string, FrameworkInfo> _removedFrameworks = new(StringComparer.Ordinal);
    private readonly Queue<string> _removedFrameworkOrder = new();
    private readonly Dictionary<string, AgentRecord> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnreachableAgentSnapshot> _unreachableAgents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _goneAgents = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _agentByConnection = [];
    private readonly Dictionary<string, OfferRecord> _offers = new(StringComparer.Ordinal);
    private readonly DeadlineQueue _deadlines = new();
    private readonly Dictionary<string, double> _weights;
    private int _nextFrameworkNumber;
    private long _nextAgentNumber;
    private long _nextOfferNumber;
    private AllocatorStats _allocatorStats = AllocatorStats.None;

    public MasterCore(MasterOptions options, MasterInfo masterInfo, DateTimeOffset startTime, ILogger logger)
    {
        _options = options;
        _logger = logger;
        MasterInfo = masterInfo;
        StartTime = startTime;
        _weights = new Dictionary<string, double>(options.Weights, StringComparer.Ordinal);
        _allocator = new HierarchicalAllocator(new AllocatorOptions(
            options.AllocationInterval,
            AllocatorOptions.ParseMinAllocatable(options.MinAllocatableResources),
            _weights,
            options.Roles is null ? null : new HashSet<string>(options.Roles, StringComparer.Ordinal),
            options.AllocatorSeed));
    }

    public MasterInfo MasterInfo { get; }

    public string MasterId => MasterInfo.Id;

    public DateTimeOffset StartTime { get; }

    /// <summary>What the current turn produced; the host drains it after every turn.</summary>
    public MasterOutbox Outbox { get; } = new();

    /// <summary>The earliest pending timer, for the host to arm its single timer.</summary>
    public DateTimeOffset? NextDeadline => _deadlines.Earliest;

    public MasterOptions Options => _options;

    public IReadOnlyDictionary<string, FrameworkRecord> Frameworks => _frameworks;

    public IReadOnlyDictionary<string, AgentRecord> Agents => _agents;

    public IReadOnlyDictionary<string, OfferRecord> Offers => _offers;

    public long Counter(MasterCounter counter) => _counters[(int)counter];

    private void Count(MasterCounter counter, long by = 1) => _counters[(int)counter] += by;

    private string NewFrameworkId() =>
        string.Create(CultureInfo.InvariantCulture, $"{MasterId}-{_nextFrameworkNumber++:D4}");

    private string NewAgentId() => string.Create(CultureInfo.InvariantCulture, $"{MasterId}-S{_nextAgentNumber++}");

    private string NewOfferId() => string.Create(CultureInfo.InvariantCulture, $"{MasterId}-O{_nextOfferNumber++}");

    private void SendToFramework(FrameworkRecord framework, Protocol.V1.Scheduler.Event schedulerEvent)
    {
        if (framework.Stream is { } stream)
        {
            Outbox.Add(new MasterEffect.SendToFramework(framework.Id, stream, schedulerEvent));
        }
    }

    private void SendToAgent(AgentRecord agent, Protocol.Agent.MasterMessage message)
    {
        if (agent.Phase == AgentPhase.Connected && agent.Connection is { } connection)
        {
            Outbox.Add(new MasterEffect.SendToAgent(agent.Id, connection, message));
        }
    }

    private void Reply(Action complete) => Outbox.Add(new MasterEffect.Reply(complete));

    private void Publish(Protocol.V1.Master.Event operatorEvent) => Outbox.Add(new MasterEffect.PublishOperatorEvent(operatorEvent));
}
