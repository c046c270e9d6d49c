namespace Regatta.Agent.Tests;

internal static class AssemblyMarker
{
}
