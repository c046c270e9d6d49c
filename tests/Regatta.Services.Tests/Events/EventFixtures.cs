using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regatta.Services.Tests.Events;

/// <summary>
/// Golden files under Fixtures/Events: indented JSON, compared after re-indenting the output, so values and key order
/// count and whitespace does not. REGATTA_UPDATE_GOLDEN=1 rewrites them from the output (review the diff!).
/// </summary>
internal static class EventFixtures
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Events");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static string Pretty(JsonNode node) => node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    public static void AssertGolden(string name, JsonNode actual, [CallerFilePath] string callerFile = "")
    {
        var pretty = Pretty(actual);
        if (Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Fixtures", "Events", name), pretty);
            return;
        }

        Assert.Equal(Read(name).ReplaceLineEndings("\n"), pretty);
    }
}
