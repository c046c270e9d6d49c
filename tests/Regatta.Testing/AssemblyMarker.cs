namespace Regatta.Testing;

internal static class AssemblyMarker
{
}
