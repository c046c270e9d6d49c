namespace Regatta.Resources;

/// <summary>Malformed resource or attribute input; the message names the offending token and the rule it breaks.</summary>
public sealed class ResourceFormatException : FormatException
{
    public ResourceFormatException()
    {
    }

    public ResourceFormatException(string message)
        : base(message)
    {
    }

    public ResourceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
