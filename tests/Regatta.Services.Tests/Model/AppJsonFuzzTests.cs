using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Model;

/// <summary>
/// Whatever the bytes, parsing answers with an app or an error and never throws; errors render as JSON with a
/// Marathon status; accepted apps survive writing and reading back.
/// </summary>
public sealed class AppJsonFuzzTests
{
    private static readonly string[] FixtureNames = ["minimal.json", "legacy-1.4-bridge.json", "modern-1.5-container.json", "modern-1.5-host.json"];

    private static readonly string[] Tokens =
        ["null", "true", "0", "-1", "1e999", "2.5", "\"\"", "\"x\"", "[]", "{}", "[[", "}}", ",", ":", "\"\\ud800\"", "\"/\"", "1234567890123456789012"];

    private static readonly AppDefinition Existing = AppVersioning.Stamp(null, Apps.Parse(Golden.Model.Read("legacy-1.4-bridge.json")), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Parse_RandomBytes_NeverThrows() => RandomApps.ForSeeds(1500, random =>
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0 && bytes.Length > 0)
        {
            bytes[0] = (byte)'{';
        }

        ParseEveryWay(bytes);
    });

    [Fact]
    public void Parse_MutatedFixtureBytes_NeverThrows() => RandomApps.ForSeeds(1500, random =>
    {
        var bytes = Encoding.UTF8.GetBytes(Golden.Model.Read(RandomApps.Pick(random, FixtureNames))).ToList();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(RandomApps.Pick(random, Tokens)));
                    break;
                default:
                    var length = Math.Min(random.Next(1, 30), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        ParseEveryWay([.. bytes]);
    });

    [Fact]
    public void Parse_MutatedFixtureValues_NeverThrowsAndAcceptedAppsRoundTrip() => RandomApps.ForSeeds(2000, random =>
    {
        var root = random.Next(3) == 0
            ? RandomApps.App(random)
            : JsonNode.Parse(Golden.Model.Read(RandomApps.Pick(random, FixtureNames)))!.AsObject();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            Mutate(random, root);
        }

        ParseEveryWay(Encoding.UTF8.GetBytes(root.ToJsonString()));
    });

    /// <summary>Replaces or removes one random value somewhere in the document.</summary>
    private static void Mutate(Random random, JsonNode root)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = RandomApps.Pick(random, containers);
        if (target is JsonObject obj && obj.Count > 0)
        {
            var key = RandomApps.Pick(random, obj.Select(p => p.Key).ToList());
            if (random.Next(4) == 0)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = RandomValue(random);
            }
        }
        else if (target is JsonArray array && array.Count > 0)
        {
            array[random.Next(array.Count)] = RandomValue(random);
        }
        else if (target is JsonArray empty)
        {
            empty.Add(RandomValue(random));
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
        else if (node is JsonArray array)
        {
            into.Add(array);
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 70000)),
        3 => JsonValue.Create(random.NextDouble() * 3 - 1),
        4 => JsonValue.Create(RandomApps.Pick(random, new[] { "", "x", "/a/b", "../c", "HOST", "BRIDGE", "disabled", "tcp", "RO", "COMMAND", "2020-01-01T00:00:00Z" })),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => new JsonArray(JsonValue.Create("a"), JsonValue.Create("UNIQUE")),
        8 => new JsonObject { ["secret"] = "s" },
        9 => JsonValue.Create(long.MaxValue),
        10 => JsonValue.Create(1e300),
        _ => new JsonObject { ["image"] = "i", ["value"] = "v", ["uri"] = "http://u", ["containerPath"] = "/c", ["hostPath"] = "/h", ["mode"] = "RW" },
    };

    private static void ParseEveryWay(byte[] bytes)
    {
        Check(AppJson.ParseCreate(bytes));
        Check(AppJson.ParseReplace(bytes, PathId.Parse("/fuzz")));
        Check(AppStorage.Deserialize(bytes));
        var update = AppJson.ParseUpdate(bytes);
        if (update.IsSuccess)
        {
            Check(update.Update.ApplyTo(Existing));
            Check(update.Update.ToNewApp(PathId.Parse("/fuzz")));
        }
        else
        {
            CheckError(update.Error);
        }
    }

    private static void Check(AppParseResult result)
    {
        if (!result.IsSuccess)
        {
            CheckError(result.Error);
            return;
        }

        var bytes = AppStorage.Serialize(result.App);
        var read = AppStorage.Deserialize(bytes);
        Assert.True(read.IsSuccess, read.Error?.ToJson());
        Assert.Equal(result.App, read.App);
    }

    private static void CheckError(AppInputError error)
    {
        Assert.Contains(error.StatusCode, new[] { 400, 422 });
        using var body = JsonDocument.Parse(error.ToJson());
        Assert.Equal(error.Message, body.RootElement.GetProperty("message").GetString());
        if (error.Kind != AppInputErrorKind.MalformedJson)
        {
            Assert.NotEqual(0, body.RootElement.GetProperty("details").GetArrayLength());
        }
    }
}
