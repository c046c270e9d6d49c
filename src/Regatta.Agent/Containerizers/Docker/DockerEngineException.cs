using System.Net;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>A Docker Engine API call failed: the engine was unreachable (<see cref="Status"/> null) or answered with an
/// error status; the message carries the engine's own error text.</summary>
internal sealed class DockerEngineException : Exception
{
    public DockerEngineException(string message, HttpStatusCode? status = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
    }

    public DockerEngineException()
    {
    }

    public DockerEngineException(string message)
        : base(message)
    {
    }

    public DockerEngineException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HttpStatusCode? Status { get; }
}
