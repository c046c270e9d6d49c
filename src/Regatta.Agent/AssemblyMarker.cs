namespace Regatta.Agent;

internal static class AssemblyMarker
{
}
