namespace Regatta.Services.Placement;

/// <summary>Marathon's <c>killSelection</c> (YOUNGEST_FIRST, OLDEST_FIRST): the age order scale-down uses last.</summary>
internal enum KillAgeOrder
{
    YoungestFirst,
    OldestFirst,
}
