using Regatta.Agent.Runtime;
using Regatta.Protocol.Agent;

namespace Regatta.Agent.Tests.Support;

/// <summary>A master connection that only records what the agent loop sends through it.</summary>
internal sealed class RecordingSession : IMasterSession
{
    private readonly List<AgentMessage> _sent = [];

    public string? ClosedBecause { get; private set; }

    public TimeSpan? PingInterval { get; private set; }

    public IReadOnlyList<AgentMessage> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public bool TrySend(AgentMessage message)
    {
        lock (_sent)
        {
            _sent.Add(message);
        }

        return true;
    }

    public void Close(string reason, bool reconnectAtOnce) => ClosedBecause = reason;

    public void SetPingInterval(TimeSpan interval) => PingInterval = interval;

    public async Task<IReadOnlyList<AgentMessage>> WaitForAsync(Func<IReadOnlyList<AgentMessage>, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition(Sent))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the agent loop did not send what was expected; sent: " + string.Join(", ", Sent.Select(m => m.KindCase)));
            }

            await Task.Delay(10);
        }

        return Sent;
    }
}
