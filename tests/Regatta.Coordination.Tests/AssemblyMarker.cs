namespace Regatta.Coordination.Tests;

internal static class AssemblyMarker
{
}
