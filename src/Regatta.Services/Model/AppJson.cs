using System.Text;
using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>
/// The entry points from request bodies to app definitions: parse, migrate the 1.4 forms, normalize, validate.
/// Every method answers with a result and never throws, whatever the bytes.
/// <list type="bullet">
/// <item><see cref="ParseCreate"/>: POST /v2/apps (id required).</item>
/// <item><see cref="ParseReplace"/>: PUT with <c>partialUpdate=false</c> (the id comes from the URL).</item>
/// <item><see cref="ParseUpdate"/>: PATCH and PUT with <c>partialUpdate=true</c>, applied with
/// <see cref="AppUpdate.ApplyTo"/>.</item>
/// </list>
/// </summary>
internal static class AppJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static AppParseResult ParseCreate(string json, AppParseOptions? options = null) =>
        ParseCreate(Encoding.UTF8.GetBytes(json), options);

    public static AppParseResult ParseCreate(ReadOnlyMemory<byte> utf8, AppParseOptions? options = null) =>
        ParseWhole(utf8, AppReadMode.Create, null, options ?? AppParseOptions.Default);

    /// <summary>A full replacement of the app at <paramref name="id"/>; an id in the body is ignored.</summary>
    public static AppParseResult ParseReplace(ReadOnlyMemory<byte> utf8, PathId id, AppParseOptions? options = null) =>
        ParseWhole(utf8, AppReadMode.Replace, id, options ?? AppParseOptions.Default);

    public static AppParseResult ParseReplace(string json, PathId id, AppParseOptions? options = null) =>
        ParseReplace(Encoding.UTF8.GetBytes(json), id, options);

    public static AppUpdateParseResult ParseUpdate(string json, AppParseOptions? options = null) =>
        ParseUpdate(Encoding.UTF8.GetBytes(json), options);

    public static AppUpdateParseResult ParseUpdate(ReadOnlyMemory<byte> utf8, AppParseOptions? options = null)
    {
        options ??= AppParseOptions.Default;
        var (spec, error, errors) = Read(utf8, AppReadMode.Update);
        if (spec is null)
        {
            return AppUpdateParseResult.Failure(error!);
        }

        if (spec.Version is not null && spec.HasFieldsBesidesIdAndVersion)
        {
            errors.Add("/", "The 'version' field may only be combined with the 'id' field.");
            return AppUpdateParseResult.Failure(AppInputError.NotValid(errors.ToErrors()));
        }

        var migrated = LegacyMigration.Migrate(spec, options, errors);
        return migrated is null || !errors.IsEmpty
            ? AppUpdateParseResult.Failure(AppInputError.NotValid(errors.ToErrors()))
            : AppUpdateParseResult.Success(new AppUpdate(migrated, options));
    }

    /// <summary>Writes the app in the 1.6+ response shape (see <see cref="AppJsonWriter"/>).</summary>
    public static string Write(AppDefinition app) => AppJsonWriter.ToJson(app);

    private static AppParseResult ParseWhole(ReadOnlyMemory<byte> utf8, AppReadMode mode, PathId? id, AppParseOptions options)
    {
        var (spec, error, ruleErrors) = Read(utf8, mode);
        if (spec is null)
        {
            return AppParseResult.Failure(error!);
        }

        if (id is { } fromUrl)
        {
            spec = spec with { Id = fromUrl.ToString() };
        }

        // Versions are the server's to set; a create or replace body's version means nothing.
        return Complete(spec with { Version = null, VersionInfo = null }, options, ruleErrors);
    }

    /// <summary>
    /// Reads the body: a spec, plus the rule violations already plain from the JSON; or the error to answer
    /// (400 malformed, 422 type errors).
    /// </summary>
    internal static (AppSpec? Spec, AppInputError? Error, ErrorCollector RuleErrors) Read(ReadOnlyMemory<byte> utf8, AppReadMode mode)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            return (null, AppInputError.Malformed(e.Message), new ErrorCollector());
        }
        catch (ArgumentException e)
        {
            // Invalid UTF-8 surfaces as an ArgumentException from the transcoder on some inputs.
            return (null, AppInputError.Malformed(e.Message), new ErrorCollector());
        }

        using (document)
        {
            AppSpec? spec;
            AppJsonReader reader;
            try
            {
                (spec, reader) = AppJsonReader.Read(document.RootElement, mode);
            }
            catch (InvalidOperationException e)
            {
                // Escaped text that is not valid UTF-16 (a lone surrogate such as "\ud800") cannot become a string.
                return (null, AppInputError.Malformed(e.Message), new ErrorCollector());
            }

            if (!reader.TypeErrors.IsEmpty || spec is null)
            {
                return (null, AppInputError.InvalidJson(reader.TypeErrors.ToErrors()), reader.RuleErrors);
            }

            return (spec, null, reader.RuleErrors);
        }
    }

    /// <summary>
    /// Migrates the legacy fields, normalizes and (unless told not to) validates; <paramref name="errors"/> may
    /// already hold violations found while reading, which are reported with the rest.
    /// </summary>
    internal static AppParseResult Complete(AppSpec spec, AppParseOptions options, ErrorCollector? errors = null, bool validate = true)
    {
        errors ??= new ErrorCollector();
        var canonical = LegacyMigration.Migrate(spec, options, errors);
        if (canonical is null)
        {
            return AppParseResult.Failure(AppInputError.NotValid(errors.ToErrors()));
        }

        var app = AppNormalizer.Normalize(canonical, options);
        if (validate)
        {
            AppValidator.Validate(app, options, errors);
        }

        return errors.IsEmpty ? AppParseResult.Success(app) : AppParseResult.Failure(AppInputError.NotValid(errors.ToErrors()));
    }
}
