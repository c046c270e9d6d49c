namespace Regatta.EndToEnd.Tests;

internal static class AssemblyMarker
{
}
