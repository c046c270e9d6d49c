namespace Regatta.Coordination;

internal static class AssemblyMarker
{
}
