namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>Runs every timer due at <paramref name="now"/>; stale entries (older generations) are skipped.</summary>
    public void Tick(DateTimeOffset now)
    {
        foreach (var deadline in _deadlines.TakeDue(now))
        {
            switch (deadline.Kind)
            {
                case DeadlineKind.FrameworkFailover:
                    OnFailoverTimeout(deadline, now);
                    break;
                case DeadlineKind.AgentPing:
                    OnAgentPing(deadline, now);
                    break;
                case DeadlineKind.AgentDisconnected:
                    OnAgentDisconnectTimeout(deadline, now);
                    break;
                case DeadlineKind.AgentReregister:
                    OnAgentReregisterTimeout(deadline, now);
                    break;
                case DeadlineKind.OfferTimeout:
                    OnOfferTimeout(deadline, now);
                    break;
            }
        }
    }
}
