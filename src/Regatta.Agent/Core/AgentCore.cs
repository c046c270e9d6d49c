using Microsoft.Extensions.Logging;
using Regatta.Agent.Logging;
using Regatta.Agent.Updates;
using Regatta.Protocol.Agent;
using Regatta.Resources;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>
/// The agent as a state machine: master messages, container events and timer ticks go in (with the current time),
/// <see cref="AgentEffect"/>s come out. It does no I/O and reads no clock, so every protocol rule is testable without
/// sockets or processes. Not thread-safe: the host calls it from one loop.
/// </summary>
internal sealed partial class AgentCore
{
    private static readonly V1.AgentInfo.Types.Capability[] Capabilities =
    [
        new() { Type = V1.AgentInfo.Types.Capability.Types.Type.MultiRole },
        new() { Type = V1.AgentInfo.Types.Capability.Types.Type.HierarchicalRole },
        new() { Type = V1.AgentInfo.Types.Capability.Types.Type.ReservationRefinement },
    ];

    private readonly AgentCoreConfig _config;
    private readonly ILogger _logger;
    private readonly IdGenerator _ids;
    private readonly StatusUpdateManager _updates;
    private readonly Dictionary<string, FrameworkRecord> _frameworks = new(StringComparer.Ordinal);
    private readonly Dictionary<V1.TaskState, long> _terminalCounts = [];
    private List<AgentEffect> _effects = [];

    public AgentCore(AgentCoreConfig config, string? recoveredAgentId, Random random, ILogger logger)
    {
        _config = config;
        _logger = logger;
        _ids = new IdGenerator(random);
        _updates = new StatusUpdateManager(config.StatusUpdateRetryMin, config.StatusUpdateRetryMax);
        AgentId = recoveredAgentId;
    }

    public string? AgentId { get; private set; }

    public bool IsRegistered { get; private set; }

    public V1.MasterInfo? MasterInfo { get; private set; }

    public TimeSpan? PingInterval { get; private set; }

    /// <summary>Bumped on every change a state snapshot would show.</summary>
    public long Version { get; private set; }

    /// <summary>When the status update manager next needs <see cref="RetryDue"/>.</summary>
    public DateTimeOffset? NextRetryAt => _updates.NextDueAt;

    public int LiveTaskCount => _frameworks.Values.Sum(f => f.Tasks.Count);

    internal StatusUpdateManager Updates => _updates;

    /// <summary>The first message of every connection.</summary>
    public AgentMessage BuildRegister(ulong connectionEpoch)
    {
        var register = new Register
        {
            AgentInfo = BuildAgentInfo(),
            Version = _config.Version,
            ConnectionEpoch = connectionEpoch,
        };
        register.Capabilities.AddRange(Capabilities);
        if (AgentId is not null)
        {
            foreach (var framework in _frameworks.Values.Where(f => f.Tasks.Count > 0))
            {
                register.Frameworks.Add(framework.Info);
                register.Tasks.AddRange(framework.Tasks.Values.Select(ToTask));
            }
        }

        return new AgentMessage { Register = register };
    }

    public IReadOnlyList<AgentEffect> Handle(MasterMessage message, DateTimeOffset now)
    {
        switch (message.KindCase)
        {
            case MasterMessage.KindOneofCase.Registered:
                OnRegistered(message.Registered, now);
                break;
            case MasterMessage.KindOneofCase.Refused:
                OnRefused(message.Refused);
                break;
            case MasterMessage.KindOneofCase.Ping:
                Emit(new AgentEffect.Send(new AgentMessage { Pong = new Pong { Sequence = message.Ping.Sequence } }));
                break;
            case MasterMessage.KindOneofCase.RunTask:
                OnRunTask(message.RunTask, now);
                break;
            case MasterMessage.KindOneofCase.KillTask:
                OnKillTask(message.KillTask, now);
                break;
            case MasterMessage.KindOneofCase.Acknowledge:
                OnAcknowledge(message.Acknowledge, now);
                break;
            case MasterMessage.KindOneofCase.ShutdownFramework:
                ShutdownFramework(message.ShutdownFramework.FrameworkId.Value, now);
                break;
            case MasterMessage.KindOneofCase.UpdateFramework:
                OnUpdateFramework(message.UpdateFramework.FrameworkInfo);
                break;
            default:
                // FrameworkMessage and future kinds: command tasks have no executor to deliver them to.
                break;
        }

        return TakeEffects();
    }

    /// <summary>The connection dropped: nothing is sent until the next registration.</summary>
    public void Disconnected()
    {
        IsRegistered = false;
        _updates.Disconnect();
        Version++;
    }

    public IReadOnlyList<AgentEffect> RetryDue(DateTimeOffset now)
    {
        foreach (var update in _updates.DueRetries(now))
        {
            Emit(new AgentEffect.Send(new AgentMessage { StatusUpdate = update }));
        }

        return TakeEffects();
    }

    private void OnRegistered(Registered registered, DateTimeOffset now)
    {
        var agentId = registered.AgentId.Value;
        if (AgentId is not null && AgentId != agentId)
        {
            // The master gave us a different id than we asked for: what we ran belongs to the old identity.
            DropAllTasks();
        }

        AgentId = agentId;
        IsRegistered = true;
        MasterInfo = registered.MasterInfo;
        PingInterval = registered.HasPingIntervalSeconds && registered.PingIntervalSeconds > 0
            ? TimeSpan.FromSeconds(registered.PingIntervalSeconds)
            : null;
        Version++;
        _logger.Registered(registered.MasterInfo?.Id ?? "?", agentId, registered.PingIntervalSeconds);
        Emit(new AgentEffect.SaveAgentInfo(BuildAgentInfo()));
        Emit(new AgentEffect.AnnounceRegistered(agentId));

        foreach (var update in _updates.Connect(now))
        {
            Emit(new AgentEffect.Send(new AgentMessage { StatusUpdate = update }));
        }

        foreach (var taskId in registered.KillTasks)
        {
            foreach (var framework in _frameworks.Values.ToList())
            {
                if (framework.Tasks.TryGetValue(taskId.Value, out var task))
                {
                    RequestKill(framework, task, KillGraceFor(task, null), now);
                }
            }
        }

        foreach (var frameworkId in registered.ShutdownFrameworks)
        {
            ShutdownFramework(frameworkId.Value, now);
        }
    }

    private void OnRefused(Refused refused)
    {
        _logger.Refused(AgentId, refused.Message);
        DropAllTasks();
        AgentId = null;
        IsRegistered = false;
        _updates.Disconnect();
        Version++;
        Emit(new AgentEffect.ForgetAgentId());
        Emit(new AgentEffect.Reconnect("master refused the agent id: " + refused.Message));
    }

    /// <summary>Kills every container and forgets every task and pending update (they belong to an identity the master
    /// no longer accepts).</summary>
    private void DropAllTasks()
    {
        foreach (var task in _frameworks.Values.SelectMany(f => f.Tasks.Values))
        {
            Touch(task);
            if (task.ContainerId is not null && !task.Ended)
            {
                Emit(new AgentEffect.Kill(task.Key, task.ContainerId, TimeSpan.Zero));
            }
        }

        _frameworks.Clear();
        _updates.ForgetAll();
    }

    private void OnUpdateFramework(V1.FrameworkInfo info)
    {
        if (info.Id is { } id && _frameworks.TryGetValue(id.Value, out var framework))
        {
            framework.Info = info;
            Version++;
        }
    }

    private V1.AgentInfo BuildAgentInfo()
    {
        var info = new V1.AgentInfo { Hostname = _config.Hostname, Port = _config.Port };
        info.Resources.AddRange(ResourceWire.ToProto(_config.Resources));
        info.Attributes.AddRange(AttributeWire.ToProto(_config.Attributes));
        if (AgentId is not null)
        {
            info.Id = new V1.AgentID { Value = AgentId };
        }

        return info;
    }

    private void Emit(AgentEffect effect) => _effects.Add(effect);

    private List<AgentEffect> TakeEffects()
    {
        var effects = _effects;
        _effects = [];
        FlushCheckpoints(effects);
        return effects;
    }
}
