using System.Diagnostics.CodeAnalysis;

namespace Regatta.Services.Model;

/// <summary>Either a normalized, valid <see cref="AppDefinition"/> or the <see cref="AppInputError"/> to answer with.</summary>
internal sealed record AppParseResult
{
    private AppParseResult(AppDefinition? app, AppInputError? error)
    {
        App = app;
        Error = error;
    }

    public AppDefinition? App { get; }

    public AppInputError? Error { get; }

    [MemberNotNullWhen(true, nameof(App))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => App is not null;

    public static AppParseResult Success(AppDefinition app) => new(app, null);

    public static AppParseResult Failure(AppInputError error) => new(null, error);
}
