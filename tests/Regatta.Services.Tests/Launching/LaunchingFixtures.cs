using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Regatta.Protocol;
using Regatta.Resources;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Launching;

/// <summary>
/// Apps, offers and golden files for the launching tests. Golden files under Fixtures/Launching hold indented JSON;
/// set REGATTA_UPDATE_GOLDEN=1 to rewrite them from the current output (then review the diff).
/// </summary>
internal static class LaunchingFixtures
{
    public static readonly DateTimeOffset AppVersion = new(2020, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly AgentView Agent = new("d4f3c2b1-0000-4000-8000-000000000001-S2", "agent-1.example.com");

    /// <summary>Apps may run as <c>*</c> (the default) or <c>prod</c>, the role of the reserved offers.</summary>
    private static readonly AppParseOptions ParseOptions = new() { ValidRoles = new HashSet<string> { "*", "prod" } };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Launching");

    /// <summary>A valid app from Marathon JSON, stamped with <see cref="AppVersion"/> as a stored app would be.</summary>
    public static AppDefinition App(string json)
    {
        var result = AppJson.ParseCreate(json, ParseOptions);
        Assert.True(result.IsSuccess, result.Error?.ToJson());
        return result.App with { Version = AppVersion };
    }

    public static OfferView Offer(string resources, string? allocationRole = "*", AgentView? agent = null) =>
        new("d4f3c2b1-0000-4000-8000-000000000000-O7", agent ?? Agent, ResourceText.Parse(resources), allocationRole);

    /// <summary>Matches the app against the offer (lowest free host ports, so results are stable).</summary>
    public static OfferMatch Match(AppDefinition app, OfferView offer)
    {
        var match = OfferMatcher.Match(LaunchRequirements.For(app), offer, PlacementContext.Empty);
        Assert.True(match.IsMatch, string.Join("; ", match.Reasons.Select(r => r.Message)));
        return match;
    }

    public static OfferMatch Match(AppDefinition app, string resources = "cpus:8;mem:16384;disk:100000;ports:[31000-31099]") =>
        Match(app, Offer(resources));

    /// <summary>A message in Mesos's JSON mapping (what the master receives in a JSON ACCEPT call).</summary>
    public static string MesosJsonOf(IMessage message) => MesosJson.Format(message);

    /// <summary>The JSON re-indented, so that only values and key order are compared.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    public static void AssertGolden(string name, string actualJson, [CallerFilePath] string callerFile = "")
    {
        var actual = Pretty(actualJson);
        if (Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "Fixtures", "Launching", name), actual);
            return;
        }

        Assert.Equal(File.ReadAllText(Path.Combine(Directory, name)).ReplaceLineEndings("\n"), actual);
    }
}
