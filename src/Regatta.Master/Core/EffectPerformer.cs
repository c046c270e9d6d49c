using MasterEvent = Regatta.Protocol.V1.Master.Event;

namespace Regatta.Master.Core;

/// <summary>
/// Carries out one effect of the core on its targets (framework streams, agent connections, waiting callers). Shared
/// by the actor and the test harness so both perform effects the same way; only operator events differ (published to
/// subscribers, or recorded).
/// </summary>
internal static class EffectPerformer
{
    public static void Perform(MasterEffect effect, Action<MasterEvent> publishOperatorEvent)
    {
        switch (effect)
        {
            case MasterEffect.SendToFramework send:
                send.Stream.TrySend(send.Event);
                break;
            case MasterEffect.CloseFrameworkStream close:
                close.Stream.Close();
                break;
            case MasterEffect.SendToAgent send:
                send.Connection.TrySend(send.Message);
                break;
            case MasterEffect.CloseAgentConnection close:
                close.Connection.Close(close.Status, close.Reason);
                break;
            case MasterEffect.PublishOperatorEvent publish:
                publishOperatorEvent(publish.Event);
                break;
            case MasterEffect.Reply reply:
                reply.Complete();
                break;
        }
    }
}
