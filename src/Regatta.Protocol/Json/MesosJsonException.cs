namespace Regatta.Protocol;

/// <summary>JSON input that does not fit the Mesos JSON mapping of the target message.</summary>
public sealed class MesosJsonException : MesosDecodeException
{
    public MesosJsonException(string message)
        : base(message)
    {
    }

    public MesosJsonException(string message, string? path)
        : base(message)
    {
        Path = path;
    }

    public MesosJsonException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MesosJsonException()
    {
    }

    /// <summary>Dotted field path of the offending value (e.g. <c>subscribe.framework_info.user</c>), when known.</summary>
    public string? Path { get; }
}
