namespace Regatta.Allocation;

internal static class AssemblyMarker
{
}
