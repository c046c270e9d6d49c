using Regatta.Master.Snapshots;
using Regatta.Protocol.V1.Scheduler;
using CallType = Regatta.Protocol.V1.Scheduler.Call.Types.Type;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// A validated non-SUBSCRIBE scheduler call: applies the framework/stream checks of the Mesos ladder
    /// (400 unknown framework, 403 not subscribed, 400 missing or mismatched Mesos-Stream-Id), then dispatches.
    /// The reply is sent after the turn's registry writes are durable.
    /// </summary>
    public void HandleCall(Call call, string? streamId, Action<CallResult> respond, DateTimeOffset now)
    {
        Count(MasterCounter.HttpSchedulerCalls);
        var result = Dispatch(call, streamId, now);
        Reply(() => respond(result));
    }

    private CallResult Dispatch(Call call, string? streamId, DateTimeOffset now)
    {
        var frameworkId = call.FrameworkId.Value;
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return CallResult.BadRequest("Framework cannot be found");
        }

        if (!framework.Connected)
        {
            return CallResult.Forbidden("Framework is not subscribed");
        }

        if (string.IsNullOrEmpty(streamId))
        {
            return CallResult.BadRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }

        if (streamId != framework.Stream!.StreamId)
        {
            return CallResult.BadRequest(
                $"The stream ID '{streamId}' included in this request didn't match the stream ID currently associated with framework ID {frameworkId}");
        }

        switch (call.Type)
        {
            case CallType.Teardown:
                Teardown(frameworkId, now);
                return CallResult.Accepted;
            case CallType.Accept:
                Accept(framework, call.Accept, now);
                return CallResult.Accepted;
            case CallType.Decline:
                Decline(framework, call.Decline, now);
                return CallResult.Accepted;
            case CallType.Revive:
                Revive(framework, call.Revive?.Roles ?? []);
                return CallResult.Accepted;
            case CallType.Suppress:
                Suppress(framework, call.Suppress?.Roles ?? []);
                return CallResult.Accepted;
            case CallType.Kill:
                Kill(framework, call.Kill, now);
                return CallResult.Accepted;
            case CallType.Shutdown:
                ShutdownExecutor(framework, call.Shutdown);
                return CallResult.Accepted;
            case CallType.Acknowledge:
                Acknowledge(framework, call.Acknowledge, now);
                return CallResult.Accepted;
            case CallType.Reconcile:
                Reconcile(framework, call.Reconcile, now);
                return CallResult.Accepted;
            case CallType.Message:
                FrameworkToExecutor(framework, call.Message);
                return CallResult.Accepted;
            case CallType.Request:
            case CallType.AcceptInverseOffers:
            case CallType.DeclineInverseOffers:
            case CallType.AcknowledgeOperationStatus:
                // Accepted and ignored: the built-in allocator ignores requests and there are no inverse offers
                // or offer operations with feedback here.
                return CallResult.Accepted;
            case CallType.UpdateFramework:
                return UpdateFramework(framework, call.UpdateFramework, now) ?? CallResult.Ok;
            case CallType.ReconcileOperations:
                return CallResult.NotImplemented("RECONCILE_OPERATIONS is not supported by this master");
            default:
                return CallResult.NotImplemented($"Received an unexpected scheduler call type '{call.Type}'");
        }
    }

    private void Revive(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        Count(MasterCounter.MessagesReviveOffers);
        var targets = roles.Count == 0 ? framework.Roles : [.. roles];
        framework.SuppressedRoles.ExceptWith(targets);
        _allocator.Revive(framework.Id, [.. roles]);
        Outbox.RequestAllocation(null);
    }

    private void Suppress(FrameworkRecord framework, IReadOnlyCollection<string> roles)
    {
        Count(MasterCounter.MessagesSuppressOffers);
        var targets = roles.Count == 0 ? framework.Roles : [.. roles.Where(r => framework.Roles.Contains(r, StringComparer.Ordinal))];
        framework.SuppressedRoles.UnionWith(targets);
        _allocator.Suppress(framework.Id, [.. roles]);
    }
}
