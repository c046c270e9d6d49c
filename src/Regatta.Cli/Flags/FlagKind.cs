namespace Regatta.Cli.Flags;

/// <summary>How a flag's text value is interpreted.</summary>
internal enum FlagKind
{
    String,
    Int,
    Double,
    Bool,
    Duration,
}
