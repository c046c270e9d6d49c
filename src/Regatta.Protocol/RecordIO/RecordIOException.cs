namespace Regatta.Protocol;

/// <summary>A RecordIO stream whose framing is broken (bad length line, oversized or truncated record).</summary>
public sealed class RecordIOException : MesosDecodeException
{
    public RecordIOException(string message)
        : base(message)
    {
    }

    public RecordIOException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RecordIOException()
    {
    }
}
