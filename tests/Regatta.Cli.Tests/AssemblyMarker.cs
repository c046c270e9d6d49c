namespace Regatta.Cli.Tests;

internal static class AssemblyMarker
{
}
