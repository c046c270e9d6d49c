namespace Regatta.Cli.Flags;

/// <summary>One command-line flag: its Mesos/Marathon name, kind, default (as text) and help.</summary>
internal sealed record FlagDefinition(string Name, FlagKind Kind, string? Default, string Help)
{
    public bool Required { get; init; }
}
