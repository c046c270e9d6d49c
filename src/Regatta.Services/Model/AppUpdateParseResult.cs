using System.Diagnostics.CodeAnalysis;

namespace Regatta.Services.Model;

/// <summary>Either a parsed <see cref="AppUpdate"/> or the <see cref="AppInputError"/> to answer with.</summary>
internal sealed record AppUpdateParseResult
{
    private AppUpdateParseResult(AppUpdate? update, AppInputError? error)
    {
        Update = update;
        Error = error;
    }

    public AppUpdate? Update { get; }

    public AppInputError? Error { get; }

    [MemberNotNullWhen(true, nameof(Update))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Update is not null;

    public static AppUpdateParseResult Success(AppUpdate update) => new(update, null);

    public static AppUpdateParseResult Failure(AppInputError error) => new(null, error);
}
