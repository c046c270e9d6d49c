using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

/// <summary>Shortcuts for tests: parse an app that must be valid, or get the error of one that must not be.</summary>
internal static class Apps
{
    public static AppDefinition Parse(string json, AppParseOptions? options = null)
    {
        var result = AppJson.ParseCreate(json, options);
        Assert.True(result.IsSuccess, result.Error?.ToJson());
        return result.App;
    }

    public static AppInputError Error(string json, AppParseOptions? options = null)
    {
        var result = AppJson.ParseCreate(json, options);
        Assert.False(result.IsSuccess, "expected an error, got " + (result.App is null ? "" : AppJson.Write(result.App)));
        return result.Error;
    }

    /// <summary>The errors of a refused app as "path: message" lines, in order.</summary>
    public static List<string> ErrorLines(string json, AppParseOptions? options = null) =>
        [.. Error(json, options).Errors.SelectMany(e => e.Errors.Select(m => e.Path + ": " + m))];
}
