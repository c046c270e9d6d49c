namespace Regatta.Architecture.Tests;

internal static class AssemblyMarker
{
}
