namespace Regatta.Cli.Flags;

/// <summary>A flag was unknown, malformed or missing. The CLI prints the message and exits with code 2.</summary>
internal sealed class FlagException(string message) : Exception(message);
