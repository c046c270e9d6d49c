namespace Regatta.Protocol;

/// <summary>Binary protobuf input that is not a valid, fully initialized message.</summary>
public sealed class MesosProtobufException : MesosDecodeException
{
    public MesosProtobufException(string message)
        : base(message)
    {
    }

    public MesosProtobufException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MesosProtobufException()
    {
    }
}
