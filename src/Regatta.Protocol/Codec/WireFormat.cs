namespace Regatta.Protocol;

/// <summary>The two message encodings of the Mesos v1 HTTP APIs.</summary>
public enum WireFormat
{
    /// <summary><c>application/json</c> in Mesos's JSON mapping.</summary>
    Json,

    /// <summary><c>application/x-protobuf</c>, binary protobuf.</summary>
    Protobuf,
}
