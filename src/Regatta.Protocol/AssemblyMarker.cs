namespace Regatta.Protocol;

internal static class AssemblyMarker
{
}
