namespace Regatta.Services.Core;

/// <summary>An API failure as Marathon answers it: a status code, <c>{"message": …}</c>, and for a lock the deployments.</summary>
internal sealed record ApiError(int Status, string Message)
{
    /// <summary>For 409 "App is locked": the deployments holding the lock.</summary>
    public IReadOnlyList<string> Deployments { get; init; } = [];

    /// <summary>A ready-made body (422 validation details) that replaces <c>{"message"}</c>.</summary>
    public string? Body { get; init; }

    public static ApiError NotFound(string message) => new(404, message);

    public static ApiError Conflict(string message) => new(409, message);

    public static ApiError Locked(IEnumerable<string> deployments)
    {
        var ids = deployments.ToList();
        return new ApiError(
            409,
            $"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/{ids.FirstOrDefault()}'.")
        {
            Deployments = ids,
        };
    }
}

/// <summary>The result of an API operation on the core: a value or an <see cref="ApiError"/>.</summary>
internal readonly record struct Outcome<T>(T? Value, ApiError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(ApiError error) => new(default, error);
}

/// <summary>What a deployable call returns: <c>{"deploymentId", "version"}</c> and the Marathon-Deployment-Id header.</summary>
internal sealed record DeploymentRef(string DeploymentId, DateTimeOffset Version);
