using Regatta.Master.Http;

namespace Regatta.Cli.Commands;

/// <summary>The composition root's choices of which HTTP surfaces a master serves.</summary>
internal static class Wiring
{
    public static IReadOnlyList<IMasterRoutes> MasterRoutes() => OperatorRoutes.All();
}
