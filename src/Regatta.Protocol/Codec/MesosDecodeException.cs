namespace Regatta.Protocol;

/// <summary>
/// Base type of every error raised while decoding wire input (JSON, protobuf, RecordIO framing), so an HTTP
/// adapter can map all of them to one 400 response. <see cref="Exception.Message"/> is safe to show to the client:
/// it names the field path and the rule that was broken.
/// </summary>
public class MesosDecodeException : Exception
{
    public MesosDecodeException(string message)
        : base(message)
    {
    }

    public MesosDecodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MesosDecodeException()
    {
    }
}
