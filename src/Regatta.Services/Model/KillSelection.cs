namespace Regatta.Services.Model;

/// <summary><c>killSelection</c>: which instances go first when an app scales down.</summary>
internal enum KillSelection
{
    YoungestFirst,
    OldestFirst,
}
