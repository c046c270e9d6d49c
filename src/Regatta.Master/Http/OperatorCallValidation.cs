using Regatta.Protocol.V1.Master;

namespace Regatta.Master.Http;

/// <summary>Mesos's structural checks of an operator <see cref="Call"/>: a type, and the payload that type needs.</summary>
internal static class OperatorCallValidation
{
    /// <summary>Null when valid, else the rule broken (Mesos's wording).</summary>
    public static string? Validate(Call call)
    {
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        // GET_METRICS without 'get_metrics' is accepted (Mesos insists on it, but it only carries an optional
        // timeout); being lenient never fails a request Mesos accepts.
        return call.Type switch
        {
            Call.Types.Type.UpdateWeights when call.UpdateWeights is null => "Expecting 'update_weights' to be present",
            Call.Types.Type.Teardown when call.Teardown is null => "Expecting 'teardown' to be present",
            Call.Types.Type.MarkAgentGone when call.MarkAgentGone is null => "Expecting 'mark_agent_gone' to be present",
            Call.Types.Type.DeactivateAgent when call.DeactivateAgent is null => "Expecting 'deactivate_agent' to be present",
            Call.Types.Type.ReactivateAgent when call.ReactivateAgent is null => "Expecting 'reactivate_agent' to be present",
            _ => null,
        };
    }
}
