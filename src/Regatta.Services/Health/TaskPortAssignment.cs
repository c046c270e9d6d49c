namespace Regatta.Services.Health;

/// <summary>
/// One app port of a task as a check reaches it: the address and port to connect to, null when the port cannot
/// be reached (no host port, and no container address to use instead).
/// </summary>
internal sealed record TaskPortAssignment(string? Name, string? Host, int? Port)
{
    public bool IsResolved => Host is not null && Port is > 0;
}
