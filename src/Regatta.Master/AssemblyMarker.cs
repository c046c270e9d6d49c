namespace Regatta.Master;

internal static class AssemblyMarker
{
}
