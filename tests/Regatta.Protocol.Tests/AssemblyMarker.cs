namespace Regatta.Protocol.Tests;

internal static class AssemblyMarker
{
}
