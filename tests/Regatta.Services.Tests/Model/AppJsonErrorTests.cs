using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Model;

/// <summary>
/// Refused bodies and the exact responses Marathon gives for them: fixtures errors/NAME.request.json hold the body,
/// errors/NAME.response.json the status and body expected (compared byte for byte after minifying, so key order counts).
/// </summary>
public sealed class AppJsonErrorTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Cases => [.. Golden.Model.ErrorCases()];

    [Fact]
    public void Cases_Directory_HasFixtures() => Assert.True(Cases.Count >= 14, $"found {Cases.Count} error fixtures");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseCreate_RefusedBody_AnswersLikeMarathon(string name)
    {
        var request = Golden.Model.Read($"errors/{name}.request.json");
        var expected = JsonNode.Parse(Golden.Model.Read($"errors/{name}.response.json"))!;

        var result = AppJson.ParseCreate(request);

        Assert.False(result.IsSuccess);
        Assert.Equal((int)expected["status"]!, result.Error.StatusCode);
        Assert.Equal(expected["body"]!.ToJsonString(Compact), result.Error.ToJson());
    }

    [Theory]
    [InlineData("{\"id\": \"/x\",")]
    [InlineData("")]
    [InlineData("{\"id\":\"/x\"} trailing")]
    [InlineData("{'id':'/x'}")]
    [InlineData("{\"id\":\"/x\",}")]
    public void ParseCreate_MalformedJson_400WithParserMessage(string body)
    {
        var parserMessage = ParserMessage(body);

        var result = AppJson.ParseCreate(body);

        Assert.Equal(400, result.Error!.StatusCode);
        Assert.Equal(AppInputErrorKind.MalformedJson, result.Error.Kind);
        Assert.Equal("{\"message\":\"Invalid JSON\",\"details\":" + JsonSerializer.Serialize(parserMessage, Compact) + "}", result.Error.ToJson());
    }

    [Fact]
    public void ParseCreate_TooDeep_400()
    {
        var body = "{\"id\":\"/x\",\"labels\":" + new string('[', 200) + new string(']', 200) + "}";

        Assert.Equal(400, AppJson.ParseCreate(body).Error!.StatusCode);
    }

    [Fact]
    public void ParseCreate_LoneSurrogateEscape_400NotException()
    {
        var result = AppJson.ParseCreate("{\"id\":\"/x\",\"cmd\":\"\\ud800\"}");

        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public void ParseCreate_InvalidUtf8_400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"/x\",\"cmd\":\"a\"}");
        bytes[^3] = 0xFF;

        Assert.Equal(400, AppJson.ParseCreate(bytes).Error!.StatusCode);
    }

    [Fact]
    public void ParseCreate_SamePathTwice_GroupedInOneEntry()
    {
        var error = Apps.Error("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"port":80,"name":"a"},{"port":80,"name":"a"}]}""");

        var entry = Assert.Single(error.Errors);
        Assert.Equal("/portDefinitions", entry.Path);
        Assert.Equal(["Port names must be unique.", "Ports must be unique."], entry.Errors);
    }

    [Fact]
    public void ParseCreate_TypeAndRuleErrors_OnlyTypeErrorsReported()
    {
        // Marathon reads the body before it validates it; a body that does not read gives only read errors.
        var error = Apps.Error("""{"id":"/x","cmd":"sleep 1","args":["a"],"cpus":"x"}""");

        Assert.Equal(AppInputErrorKind.InvalidJson, error.Kind);
        Assert.Equal("/cpus", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void ParseCreate_ReadingAndRuleErrors_ReportedTogether()
    {
        var lines = Apps.ErrorLines("""{"id":"/x","cmd":"sleep 1","args":["a"],"env":{"P":{"secret":"s"}}}""");

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("/env: secret references are not supported", lines[0], StringComparison.Ordinal);
        Assert.Equal("/: " + AppValidator.CmdArgsOrContainer, lines[1]);
    }

    [Fact]
    public void ParseUpdate_SecretReference_Refused()
    {
        var result = AppJson.ParseUpdate("""{"env":{"P":{"secret":"s"}}}""");

        Assert.Equal("/env", Assert.Single(result.Error!.Errors).Path);
    }

    private static string ParserMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
        }
        catch (JsonException e)
        {
            return e.Message;
        }

        throw new InvalidOperationException("expected a parser error for " + body);
    }
}
