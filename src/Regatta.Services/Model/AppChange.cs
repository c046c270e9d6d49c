namespace Regatta.Services.Model;

/// <summary>What kind of change one app definition is relative to another.</summary>
internal enum AppChange
{
    /// <summary>Nothing that matters changed; the version stays.</summary>
    None,

    /// <summary>Only <c>instances</c> changed: a scale, tasks keep running.</summary>
    Scale,

    /// <summary>Anything else changed: tasks are replaced by a restart.</summary>
    Config,
}
