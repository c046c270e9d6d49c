namespace Regatta.Resources;

/// <summary>Value kinds an agent attribute may have (Mesos allows SET on the wire, but <c>--attributes</c> never produces it).</summary>
public enum AttributeType
{
    Text,
    Scalar,
    Ranges,
}
