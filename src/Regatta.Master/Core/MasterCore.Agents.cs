using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>One frame from an agent connection; the first message on a connection must be Register.</summary>
    public void HandleAgentFrame(IAgentConnection connection, AgentFrame frame, DateTimeOffset now)
    {
        foreach (var message in frame.Messages)
        {
            if (message.KindCase == AgentMessage.KindOneofCase.Register)
            {
                HandleRegister(connection, message.Register, now);
                continue;
            }

            if (!_agentByConnection.TryGetValue(connection.ConnectionId, out var agentId)
                || !_agents.TryGetValue(agentId, out var agent)
                || !ReferenceEquals(agent.Connection, connection))
            {
                Outbox.Add(new MasterEffect.CloseAgentConnection(
                    connection, WebSocketCloseStatus.PolicyViolation, "the first message on a connection must be Register"));
                return;
            }

            switch (message.KindCase)
            {
                case AgentMessage.KindOneofCase.StatusUpdate:
                    HandleStatusUpdate(agent, message.StatusUpdate, now);
                    break;
                case AgentMessage.KindOneofCase.Pong:
                    agent.UnansweredPings = 0;
                    break;
                case AgentMessage.KindOneofCase.ExecutorMessage:
                    ExecutorToFramework(agent, message.ExecutorMessage);
                    break;
                default:
                    Count(MasterCounter.DroppedMessages);
                    break;
            }
        }
    }

    /// <summary>
    /// The socket closed. The agent is deactivated (offers rescinded, no new ones) and has
    /// ping_timeout × max_agent_ping_timeouts to come back before it is marked unreachable.
    /// </summary>
    public void AgentConnectionClosed(IAgentConnection connection, DateTimeOffset now)
    {
        if (!_agentByConnection.Remove(connection.ConnectionId, out var agentId)
            || !_agents.TryGetValue(agentId, out var agent)
            || !ReferenceEquals(agent.Connection, connection))
        {
            return;
        }

        agent.Connection = null;
        agent.Phase = AgentPhase.Disconnected;
        agent.Generation++;
        RescindAgentOffers(agent, now);
        _allocator.DeactivateAgent(agent.Id);
        var grace = _options.AgentPingTimeout * _options.MaxAgentPingTimeouts;
        _deadlines.Schedule(now + grace, new Deadline(DeadlineKind.AgentDisconnected, agent.Id, agent.Generation));
        _logger.AgentDisconnected(agent.Id, grace.TotalSeconds);
    }

    private void HandleRegister(IAgentConnection connection, Register register, DateTimeOffset now)
    {
        if (_agentByConnection.ContainsKey(connection.ConnectionId))
        {
            Count(MasterCounter.DroppedMessages);
            return;
        }

        var info = register.AgentInfo.Clone();
        if (!ResourceWire.TryFromProto(info.Resources, out var total, out var problem))
        {
            Refuse(connection, $"Invalid agent resources: {problem}");
            return;
        }

        if (info.Id is null || string.IsNullOrEmpty(info.Id.Value))
        {
            RegisterNewAgent(connection, register, info, total, now);
        }
        else
        {
            ReregisterAgent(connection, register, info, total, now);
        }
    }

    private void RegisterNewAgent(IAgentConnection connection, Register register, AgentInfo info, ResourceSet total, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesRegisterSlave);
        info.Id = new AgentID { Value = NewAgentId() };
        var agent = new AgentRecord(info, total, now);
        Connect(agent, connection, register, now);
        _agents.Add(agent.Id, agent);
        Outbox.Put(RegistryKeys.Agent(agent.Id), info);
        _allocator.AddAgent(agent.Id, total);
        agent.InAllocator = true;
        Count(MasterCounter.SlaveRegistrations);
        _logger.AgentRegistered(agent.Id, info.Hostname, total.ToString());
        SendRegistered(agent, [], []);
        Publish(OperatorEvents.AgentAdded(SnapshotOf(agent)));
        Outbox.RequestAllocation(agent.Id);
    }

    private void ReregisterAgent(IAgentConnection connection, Register register, AgentInfo info, ResourceSet total, DateTimeOffset now)
    {
        Count(MasterCounter.MessagesReregisterSlave);
        var agentId = info.Id.Value;
        if (_goneAgents.Contains(agentId))
        {
            Refuse(connection, $"Agent {agentId} has been marked gone and may not re-register");
            return;
        }

        _agents.TryGetValue(agentId, out var agent);
        if (agent?.Connection is { } previous && !ReferenceEquals(previous, connection))
        {
            if (register.ConnectionEpoch != 0 && register.ConnectionEpoch < agent.ConnectionEpoch)
            {
                // A late Register from an older socket of the same agent: keep the newer connection.
                Outbox.Add(new MasterEffect.CloseAgentConnection(connection, WebSocketCloseStatus.PolicyViolation, "superseded by a newer connection of this agent"));
                return;
            }

            _agentByConnection.Remove(previous.ConnectionId);
            Outbox.Add(new MasterEffect.CloseAgentConnection(previous, WebSocketCloseStatus.NormalClosure, "replaced by a newer connection of this agent"));
        }

        var wasUnreachable = _unreachableAgents.Remove(agentId);
        if (wasUnreachable)
        {
            Outbox.Delete(RegistryKeys.Unreachable(agentId));
        }

        var wasConnected = agent?.Phase == AgentPhase.Connected;
        if (agent is null)
        {
            agent = new AgentRecord(info, total, now);
            _agents.Add(agentId, agent);
            AttachKnownTasks(agent);
        }
        else
        {
            RescindAgentOffers(agent, now);
            agent.Info = info;
            agent.Total = total;
        }

        agent.ReregisteredTime = now;
        Connect(agent, connection, register, now);
        Outbox.Put(RegistryKeys.Agent(agentId), info);

        // Rebuild the allocator's view of the agent from what it reports, the source of truth for its tasks.
        if (agent.InAllocator)
        {
            _allocator.RemoveAgent(agentId);
        }

        foreach (var (framework, task) in TasksOn(agent))
        {
            if (task.HoldsResources)
            {
                task.HoldsResources = false;
                framework.Allocated.Subtract(task.Role, task.Resources);
                agent.Allocated.Subtract(task.Role, task.Resources);
            }
        }

        var killTasks = new List<TaskID>();
        var shutdownFrameworks = new List<FrameworkID>();
        ReconcileAgentTasks(agent, register, wasUnreachable, killTasks, shutdownFrameworks, now);

        _allocator.AddAgent(agentId, total);
        agent.InAllocator = true;
        if (agent.Deactivated)
        {
            _allocator.DeactivateAgent(agentId);
        }

        foreach (var (framework, task) in TasksOn(agent))
        {
            if (IsHoldingState(task.Proto.State))
            {
                task.HoldsResources = true;
                framework.Allocated.Add(task.Role, task.Resources);
                agent.Allocated.Add(task.Role, task.Resources);
                _allocator.AddUsed(framework.Id, agentId, task.Resources, task.Role);
            }
        }

        Count(MasterCounter.SlaveReregistrations);
        _logger.AgentReregistered(agentId, info.Hostname, agent.Tasks.Count);
        SendRegistered(agent, killTasks, shutdownFrameworks);
        if (!wasConnected)
        {
            Publish(OperatorEvents.AgentAdded(SnapshotOf(agent)));
        }

        Outbox.RequestAllocation(agentId);
    }

    private void Connect(AgentRecord agent, IAgentConnection connection, Register register, DateTimeOffset now)
    {
        agent.Phase = AgentPhase.Connected;
        agent.Connection = connection;
        agent.ConnectionEpoch = register.ConnectionEpoch;
        agent.Generation++;
        agent.UnansweredPings = 0;
        agent.Ip = connection.RemoteIp;
        agent.Version = register.HasVersion ? register.Version : null;
        agent.Capabilities = [.. register.Capabilities];
        _agentByConnection[connection.ConnectionId] = agent.Id;
        _deadlines.Schedule(now + _options.AgentPingTimeout, new Deadline(DeadlineKind.AgentPing, agent.Id, agent.Generation));
    }

    private void SendRegistered(AgentRecord agent, List<TaskID> killTasks, List<FrameworkID> shutdownFrameworks)
    {
        var registered = new Registered
        {
            AgentId = agent.Info.Id,
            MasterInfo = MasterInfo,
            PingIntervalSeconds = _options.AgentPingTimeout.TotalSeconds,
        };
        registered.KillTasks.AddRange(killTasks);
        registered.ShutdownFrameworks.AddRange(shutdownFrameworks);
        SendToAgent(agent, new MasterMessage { Registered = registered });
    }

    private void Refuse(IAgentConnection connection, string message)
    {
        _logger.AgentRefused(message);
        Outbox.Add(new MasterEffect.SendToAgent("", connection, new MasterMessage { Refused = new Refused { Message = message } }));
        Outbox.Add(new MasterEffect.CloseAgentConnection(connection, WebSocketCloseStatus.PolicyViolation, message));
    }

    private void OnAgentPing(Deadline deadline, DateTimeOffset now)
    {
        if (!_agents.TryGetValue(deadline.Id, out var agent) || agent.Phase != AgentPhase.Connected || agent.Generation != deadline.Generation)
        {
            return;
        }

        if (agent.UnansweredPings >= _options.MaxAgentPingTimeouts)
        {
            _logger.AgentPingTimeout(agent.Id, agent.UnansweredPings);
            Count(MasterCounter.SlaveRemovalsReasonUnhealthy);
            MarkUnreachable(agent, "health check timed out", now);
            return;
        }

        agent.PingSequence++;
        agent.UnansweredPings++;
        SendToAgent(agent, new MasterMessage { Ping = new Ping { Sequence = agent.PingSequence } });
        _deadlines.Schedule(now + _options.AgentPingTimeout, deadline);
    }

    private void OnAgentDisconnectTimeout(Deadline deadline, DateTimeOffset now)
    {
        if (_agents.TryGetValue(deadline.Id, out var agent) && agent.Phase == AgentPhase.Disconnected && agent.Generation == deadline.Generation)
        {
            Count(MasterCounter.SlaveRemovalsReasonUnregistered);
            MarkUnreachable(agent, "disconnected and did not reconnect in time", now);
        }
    }

    private void OnAgentReregisterTimeout(Deadline deadline, DateTimeOffset now)
    {
        if (_agents.TryGetValue(deadline.Id, out var agent) && agent.Phase == AgentPhase.Recovering)
        {
            Count(MasterCounter.RecoverySlaveRemovals);
            MarkUnreachable(agent, "did not re-register after the master restarted", now);
        }
    }
}
