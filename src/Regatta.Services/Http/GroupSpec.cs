using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// A group body (<c>POST</c>/<c>PUT /v2/groups</c>) after parsing and validation: every id absolute, every app a
/// complete, valid definition. A null list was not given (PUT keeps what exists); an empty one was given empty
/// (PUT removes what exists). <see cref="Version"/> (rollback) and <see cref="ScaleBy"/> come alone.
/// </summary>
internal sealed record GroupSpec(PathId Id)
{
    public IReadOnlyList<AppDefinition>? Apps { get; init; }

    public IReadOnlyList<GroupSpec>? Groups { get; init; }

    public IReadOnlyList<PathId>? Dependencies { get; init; }

    /// <summary><c>{"version": …}</c>: back to the group as it was then.</summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary><c>{"scaleBy": …}</c>: every app below the group gets <c>ceil(instances × factor)</c>.</summary>
    public double? ScaleBy { get; init; }
}

/// <summary>Either a <see cref="GroupSpec"/> or the <see cref="AppInputError"/> to answer with.</summary>
internal sealed record GroupParseResult(GroupSpec? Group, AppInputError? Error)
{
    public bool IsSuccess => Group is not null;
}
