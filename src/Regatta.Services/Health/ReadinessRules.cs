namespace Regatta.Services.Health;

/// <summary>
/// Turns an answer (or the lack of one) into a <see cref="ReadinessResult"/>: ready when the status is one of the
/// check's codes; a request that failed is never ready and reads as a 504 <c>text/plain</c> explanation.
/// </summary>
internal static class ReadinessRules
{
    public const int QueryFailedStatus = 504;

    public static ReadinessResult FromResponse(ReadinessTarget target, ReadinessResponse response, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(response);
        return new ReadinessResult(
            target.Name,
            target.TaskId,
            target.ReadyStatusCodes.Contains(response.Status),
            target.PreserveLastResponse ? response : null,
            at);
    }

    public static ReadinessResult FromFailure(ReadinessTarget target, string problem, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(target);
        var where = target.Url?.ToString() ?? $"readiness check '{target.Name}'";
        var response = new ReadinessResponse(QueryFailedStatus, "text/plain", $"Regatta could not query {where}: {problem}");
        return FromResponse(target, response, at) with { Ready = false };
    }
}
