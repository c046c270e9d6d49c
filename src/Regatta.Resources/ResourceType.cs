namespace Regatta.Resources;

/// <summary>The value kinds a resource can carry (Mesos <c>Value.Type</c> minus TEXT, which resources never use).</summary>
public enum ResourceType
{
    Scalar,
    Ranges,
    Set,
}
