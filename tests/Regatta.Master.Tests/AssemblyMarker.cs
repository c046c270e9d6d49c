namespace Regatta.Master.Tests;

internal static class AssemblyMarker
{
}
