namespace Regatta.Master.Core;

/// <summary>How a scheduler call ended: the HTTP status and, for errors, a text body that names the problem.</summary>
internal sealed record CallResult(int StatusCode, string? Message = null, string? FrameworkId = null)
{
    /// <summary>SUBSCRIBE succeeded: the stream may start; <paramref name="frameworkId"/> is the (possibly new) id.</summary>
    public static CallResult Subscribed(string frameworkId) => new(200, null, frameworkId);

    public static CallResult Ok { get; } = new(200);

    public static CallResult Accepted { get; } = new(202);

    public static CallResult BadRequest(string message) => new(400, message);

    public static CallResult Forbidden(string message) => new(403, message);

    public static CallResult NotImplemented(string message) => new(501, message);

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
