using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regatta.Services.Tests.Groups;

/// <summary>Files under Fixtures/Groups: group bodies (<c>*.request.json</c>) and expected answers (<c>*.response.json</c>).</summary>
internal static class GroupsFixtures
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Groups");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>The names of <c>errors/NAME.request.json</c>, without directory and suffix.</summary>
    public static IEnumerable<string> ErrorCases() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "errors"), "*.request.json")
            .Select(f => Path.GetFileName(f).Replace(".request.json", "", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>JSON minified with the same escaping the server uses, so bodies compare as text (key order counts).</summary>
    public static string Minify(JsonNode node) => node.ToJsonString(Compact);

    public static string Minify(string json) => Minify(JsonNode.Parse(json)!);
}
