namespace Regatta.Services.Model;

/// <summary>
/// A parsed partial update (PATCH, PUT with <c>partialUpdate=true</c>): the fields it gives replace the existing
/// app's, the others are kept; nested objects (<c>container</c>, <c>upgradeStrategy</c>, …) are replaced whole, as
/// in Marathon. A body holding only <c>version</c> (and maybe <c>id</c>) asks for a rollback instead.
/// </summary>
internal sealed class AppUpdate
{
    private readonly AppParseOptions options;

    public AppUpdate(AppSpec spec, AppParseOptions options)
    {
        Spec = spec;
        this.options = options;
    }

    /// <summary>The update's fields, legacy forms already migrated; null fields were not given.</summary>
    public AppSpec Spec { get; }

    /// <summary>The stored version to roll back to, when the body was <c>{"version": "..."}</c>.</summary>
    public DateTimeOffset? RollbackVersion => Spec.Version;

    public bool IsRollback => Spec.Version is not null;

    /// <summary>
    /// The app after the update: normalized and validated; id, version and versionInfo stay those of
    /// <paramref name="existing"/> (the caller stamps a new version, see <see cref="AppVersioning"/>).
    /// </summary>
    public AppParseResult ApplyTo(AppDefinition existing)
    {
        var merged = AppSpec.From(existing).Overlay(Spec with { Id = null, Version = null });
        var result = AppJson.Complete(merged, options);
        return result.IsSuccess
            ? AppParseResult.Success(result.App with { Version = existing.Version, VersionInfo = existing.VersionInfo })
            : result;
    }

    /// <summary>The app a PUT creates when nothing exists at <paramref name="id"/>: the update over all defaults.</summary>
    public AppParseResult ToNewApp(PathId id) =>
        AppJson.Complete(Spec with { Id = id.ToString(), Version = null, VersionInfo = null }, options);
}
