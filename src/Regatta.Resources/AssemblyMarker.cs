namespace Regatta.Resources;

internal static class AssemblyMarker
{
}
