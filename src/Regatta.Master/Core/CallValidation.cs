using Regatta.Protocol.V1.Scheduler;
using CallType = Regatta.Protocol.V1.Scheduler.Call.Types.Type;

namespace Regatta.Master.Core;

/// <summary>Stateless checks of a scheduler Call (Mesos validation::scheduler::call), before any state is consulted.</summary>
internal static class CallValidation
{
    public const string Prefix = "Failed to validate scheduler::Call: ";

    /// <summary>Null when valid, else the full 400 message.</summary>
    public static string? Validate(Call call)
    {
        var problem = Check(call);
        return problem is null ? null : Prefix + problem;
    }

    private static string? Check(Call call)
    {
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        if (call.Type == CallType.Subscribe)
        {
            if (call.Subscribe is null)
            {
                return "Expecting 'subscribe' to be present";
            }

            var infoId = call.Subscribe.FrameworkInfo.Id?.Value;
            var callId = call.FrameworkId?.Value;
            if ((infoId is not null || callId is not null) && infoId != callId)
            {
                return "'framework_id' differs from 'subscribe.framework_info.id'";
            }

            return null;
        }

        if (call.FrameworkId is null)
        {
            return "Expecting 'framework_id' to be present";
        }

        return call.Type switch
        {
            CallType.Accept when call.Accept is null => "Expecting 'accept' to be present",
            CallType.Decline when call.Decline is null => "Expecting 'decline' to be present",
            CallType.AcceptInverseOffers when call.AcceptInverseOffers is null => "Expecting 'accept_inverse_offers' to be present",
            CallType.DeclineInverseOffers when call.DeclineInverseOffers is null => "Expecting 'decline_inverse_offers' to be present",
            CallType.Kill when call.Kill is null => "Expecting 'kill' to be present",
            CallType.Shutdown when call.Shutdown is null => "Expecting 'shutdown' to be present",
            CallType.Acknowledge when call.Acknowledge is null => "Expecting 'acknowledge' to be present",
            CallType.Acknowledge when call.Acknowledge.Uuid.Length != 16 =>
                $"'acknowledge.uuid' must be a 16-byte UUID, got {call.Acknowledge.Uuid.Length} bytes",
            CallType.AcknowledgeOperationStatus when call.AcknowledgeOperationStatus is null => "Expecting 'acknowledge_operation_status' to be present",
            CallType.Reconcile when call.Reconcile is null => "Expecting 'reconcile' to be present",
            CallType.ReconcileOperations when call.ReconcileOperations is null => "Expecting 'reconcile_operations' to be present",
            CallType.Message when call.Message is null => "Expecting 'message' to be present",
            CallType.Request when call.Request is null => "Expecting 'request' to be present",
            CallType.UpdateFramework when call.UpdateFramework is null => "Expecting 'update_framework' to be present",
            _ => null,
        };
    }
}
