using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// Files under Fixtures/Http: Marathon-shaped request bodies (<c>*.request.json</c>) and the responses expected for
/// them (<c>*.response.json</c>, indented). Values the server makes up — timestamps and UUIDs (deployment ids, the
/// uuid inside task ids) — are replaced by <c>&lt;timestamp&gt;</c> and <c>&lt;uuid&gt;</c> before comparing, so the
/// comparison checks every other value and the key order. Set REGATTA_UPDATE_GOLDEN=1 to rewrite the responses from
/// the current output (then review the diff against the Marathon reference).
/// </summary>
internal static partial class HttpFixtures
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Http");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>Re-indented, with made-up values replaced by placeholders.</summary>
    public static string Scrub(string json)
    {
        var pretty = JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        return Uuid().Replace(Timestamp().Replace(pretty, "<timestamp>"), "<uuid>");
    }

    public static void AssertGolden(string name, string actualJson, [CallerFilePath] string callerFile = "")
    {
        var actual = Scrub(actualJson);
        if (Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Fixtures", "Http", name), actual);
            return;
        }

        Assert.Equal(Read(name).ReplaceLineEndings("\n"), actual);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
