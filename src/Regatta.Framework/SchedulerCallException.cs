using System.Net;

namespace Regatta.Framework;

/// <summary>The master answered a scheduler call with something other than success; carries its status and text.</summary>
public sealed class SchedulerCallException(HttpStatusCode status, string body, string callType)
    : Exception($"{callType} was refused with {(int)status} {status}: {body}")
{
    public HttpStatusCode Status { get; } = status;

    public string Body { get; } = body;
}
