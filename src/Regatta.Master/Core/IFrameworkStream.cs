using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Core;

/// <summary>A framework's subscription stream as the core sees it: queue events, or end it.</summary>
internal interface IFrameworkStream
{
    string StreamId { get; }

    /// <summary>Queues an event; false when the stream already ended.</summary>
    bool TrySend(Event schedulerEvent);

    /// <summary>Ends the stream after the events queued so far have been written.</summary>
    void Close();
}
