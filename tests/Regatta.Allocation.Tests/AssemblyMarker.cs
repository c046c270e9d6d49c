namespace Regatta.Allocation.Tests;

internal static class AssemblyMarker
{
}
