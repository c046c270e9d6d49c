using Microsoft.AspNetCore.Http;
using Regatta.Master.Metrics;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Regatta.Protocol.V1.Master;

namespace Regatta.Master.Http;

/// <summary>What each operator call does once the request passed the ladder.</summary>
internal sealed partial class OperatorCallHandler
{
    private async Task DispatchAsync(HttpContext context, Call call, string callType, WireFormat format)
    {
        switch (call.Type)
        {
            case Call.Types.Type.GetHealth:
                await WriteResponseAsync(context, OperatorResponses.Health(), format).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetFlags:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Flags).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetVersion:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Version).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetMetrics:
                await RespondFromSnapshotAsync(context, format, s => OperatorResponses.Metrics(MasterMetrics.Collect(s, _system.Read()))).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetState:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.State).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetAgents:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Agents).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetFrameworks:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Frameworks).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetExecutors:
                await WriteResponseAsync(context, OperatorResponses.Executors(), format).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetTasks:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Tasks).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetRoles:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Roles).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetWeights:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Weights).ConfigureAwait(false);
                return;
            case Call.Types.Type.GetMaster:
                await RespondFromSnapshotAsync(context, format, OperatorResponses.Master).ConfigureAwait(false);
                return;
            case Call.Types.Type.UpdateWeights:
                await UpdateWeightsAsync(context, call.UpdateWeights).ConfigureAwait(false);
                return;
            case Call.Types.Type.Teardown:
                await TeardownAsync(context, call.Teardown.FrameworkId.Value).ConfigureAwait(false);
                return;
            case Call.Types.Type.DeactivateAgent:
                await SetAgentActiveAsync(context, call.DeactivateAgent.AgentId.Value, active: false).ConfigureAwait(false);
                return;
            case Call.Types.Type.ReactivateAgent:
                await SetAgentActiveAsync(context, call.ReactivateAgent.AgentId.Value, active: true).ConfigureAwait(false);
                return;
            case Call.Types.Type.Subscribe:
                await new OperatorEventStream(_master, _timeProvider, _logger).RunAsync(context, format).ConfigureAwait(false);
                return;
            default:
                await RejectAsync(
                    context,
                    callType,
                    StatusCodes.Status501NotImplemented,
                    $"Operator call '{callType}' is not implemented by this master").ConfigureAwait(false);
                return;
        }
    }

    private async Task RespondFromSnapshotAsync(HttpContext context, WireFormat format, Func<MasterSnapshot, Response> build)
    {
        var snapshot = await OperatorHttp.TrySnapshotAsync(context, _master, _logger).ConfigureAwait(false);
        if (snapshot is not null)
        {
            await WriteResponseAsync(context, build(snapshot), format).ConfigureAwait(false);
        }
    }

    private async Task UpdateWeightsAsync(HttpContext context, Call.Types.UpdateWeights update)
    {
        var entries = update.WeightInfos.Select((w, i) => (w.HasRole ? w.Role : null, w.Weight, i)).ToList();
        var weights = LegacyWeights.Validate(entries, out var error);
        if (weights is null)
        {
            await RejectAsync(context, "UPDATE_WEIGHTS", StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        _logger.WeightsUpdateRequested(string.Join(",", weights.Select(p => $"{p.Key}={p.Value}")));
        var problem = await _master.UpdateWeightsAsync(weights, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            await RejectAsync(context, "UPDATE_WEIGHTS", StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task TeardownAsync(HttpContext context, string frameworkId)
    {
        _logger.TeardownRequested(frameworkId);
        if (!await _master.TeardownFrameworkAsync(frameworkId, context.RequestAborted).ConfigureAwait(false))
        {
            await RejectAsync(context, "TEARDOWN", StatusCodes.Status400BadRequest, $"No framework found with ID '{frameworkId}'").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task SetAgentActiveAsync(HttpContext context, string agentId, bool active)
    {
        var callType = active ? "REACTIVATE_AGENT" : "DEACTIVATE_AGENT";
        _logger.AgentActivationRequested(agentId, active ? "reactivation" : "deactivation");
        var done = active
            ? await _master.ReactivateAgentAsync(agentId, context.RequestAborted).ConfigureAwait(false)
            : await _master.DeactivateAgentAsync(agentId, context.RequestAborted).ConfigureAwait(false);
        if (!done)
        {
            var problem = active
                ? $"Agent '{agentId}' is unknown or not deactivated"
                : $"Unknown agent '{agentId}'";
            await RejectAsync(context, callType, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
