using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regatta.Services.Tests.Model;

/// <summary>
/// Files under Fixtures/Model. Golden files hold indented JSON; comparing re-indented output against them checks
/// values and key order. Set REGATTA_UPDATE_GOLDEN=1 to rewrite them from the current output (then review the diff).
/// </summary>
internal static class ModelFixtures
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Model");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static IEnumerable<string> Names(string pattern) =>
        System.IO.Directory.EnumerateFiles(Directory, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f))
            .Order(StringComparer.Ordinal);

    /// <summary>The JSON re-indented, so that only values and key order are compared.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    public static void AssertGolden(string name, string actualJson, [CallerFilePath] string callerFile = "")
    {
        var actual = Pretty(actualJson);
        if (Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Fixtures", "Model", name);
            File.WriteAllText(source, actual);
            return;
        }

        Assert.Equal(Read(name).ReplaceLineEndings("\n"), actual);
    }
}
