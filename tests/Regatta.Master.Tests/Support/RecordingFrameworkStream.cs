using Regatta.Master.Core;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Tests.Support;

/// <summary>A framework stream that records what the master sends on it.</summary>
internal sealed class RecordingFrameworkStream : IFrameworkStream
{
    public RecordingFrameworkStream(string streamId) => StreamId = streamId;

    public string StreamId { get; }

    public List<Event> Events { get; } = [];

    public bool Closed { get; private set; }

    public bool TrySend(Event schedulerEvent)
    {
        if (Closed)
        {
            return false;
        }

        Events.Add(schedulerEvent);
        return true;
    }

    public void Close() => Closed = true;

    public List<Event> Take(Event.Types.Type type)
    {
        var taken = Events.Where(e => e.Type == type).ToList();
        Events.RemoveAll(e => e.Type == type);
        return taken;
    }
}
