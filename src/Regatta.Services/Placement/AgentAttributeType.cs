namespace Regatta.Services.Placement;

/// <summary>The Mesos value kinds an agent attribute can have.</summary>
internal enum AgentAttributeType
{
    Text,
    Scalar,
    Ranges,
    Set,
}
