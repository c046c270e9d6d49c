using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Regatta.Services.Tests.Support;

/// <summary>
/// The files of one folder under Fixtures (copied next to the test assembly): inputs read as text, and golden files of
/// indented JSON. Output is re-indented before it is compared with a golden file, so values and key order count and
/// whitespace does not. Set REGATTA_UPDATE_GOLDEN=1 to rewrite the golden files in the source tree from the current
/// output (then review the diff).
/// </summary>
internal sealed partial class Golden
{
    public static readonly Golden Events = new("Events");

    public static readonly Golden Groups = new("Groups");

    /// <summary>
    /// Marathon-shaped requests and the server's answers. Values the server makes up — timestamps and UUIDs
    /// (deployment ids, the uuid inside task ids) — become <c>&lt;timestamp&gt;</c> and <c>&lt;uuid&gt;</c> before
    /// comparing, so every other value and the key order are checked (review an update against the Marathon reference).
    /// </summary>
    public static readonly Golden Http = new("Http", scrubMadeUpValues: true);

    public static readonly Golden Launching = new("Launching");

    public static readonly Golden Model = new("Model");

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string folder;
    private readonly bool scrubMadeUpValues;

    private Golden(string folder, bool scrubMadeUpValues = false)
    {
        this.folder = folder;
        this.scrubMadeUpValues = scrubMadeUpValues;
    }

    private string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);

    /// <summary>JSON minified with the same escaping the server uses, so bodies compare as text (key order counts).</summary>
    public static string Minify(JsonNode node) => node.ToJsonString(Compact);

    public string Read(string name) => File.ReadAllText(Path.Combine(OutputDirectory, name));

    /// <summary>The NAMEs of <c>errors/NAME.request.json</c> (refused bodies, each next to its expected answer).</summary>
    public IEnumerable<string> ErrorCases() =>
        Directory.EnumerateFiles(Path.Combine(OutputDirectory, "errors"), "*.request.json")
            .Select(f => Path.GetFileName(f).Replace(".request.json", "", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>The text a golden file of this folder is compared with: re-indented (and scrubbed where the folder says so).</summary>
    public string Normalize(string json) => Normalize(JsonNode.Parse(json)!);

    /// <inheritdoc cref="Normalize(string)"/>
    public string Normalize(JsonNode node)
    {
        var pretty = node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        return scrubMadeUpValues ? Uuid().Replace(Timestamp().Replace(pretty, "<timestamp>"), "<uuid>") : pretty;
    }

    public void AssertMatches(string name, string actualJson) => AssertNormalizedMatches(name, Normalize(actualJson));

    public void AssertMatches(string name, JsonNode actual) => AssertNormalizedMatches(name, Normalize(actual));

    private static string SourceFixtures([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures");

    private void AssertNormalizedMatches(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFixtures(), folder, name), actual);
            return;
        }

        Assert.Equal(Read(name).ReplaceLineEndings("\n"), actual);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
