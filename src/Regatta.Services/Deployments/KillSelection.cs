namespace Regatta.Services.Deployments;

/// <summary>Marathon's <c>killSelection</c>: which instances go first on scale-down.</summary>
internal enum KillSelection
{
    YoungestFirst,
    OldestFirst,
}
