namespace Regatta.Resources.Tests;

internal static class AssemblyMarker
{
}
