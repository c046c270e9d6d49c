using System.Text;
using System.Text.Json.Nodes;
using Regatta.Services.Http;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Groups;

/// <summary>
/// Group bodies: refused ones answer exactly as fixtures errors/NAME.response.json say (status and body, key order
/// included); accepted ones resolve relative ids against the enclosing group.
/// </summary>
public sealed class GroupJsonTests
{
    public static TheoryData<string> ErrorCases => [.. Golden.Groups.ErrorCases()];

    [Fact]
    public void ErrorCases_Directory_HasFixtures() => Assert.True(ErrorCases.Count >= 19, $"found {ErrorCases.Count} error fixtures");

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Parse_RefusedBody_AnswersLikeMarathon(string name)
    {
        var request = Golden.Groups.Read($"errors/{name}.request.json");
        var expected = JsonNode.Parse(Golden.Groups.Read($"errors/{name}.response.json"))!;
        var basePath = PathId.Parse((string?)expected["base"] ?? "/");

        var result = Parse(request, basePath);

        Assert.False(result.IsSuccess);
        Assert.Equal((int)expected["status"]!, result.Error!.StatusCode);
        Assert.Equal(Golden.Minify(expected["body"]!), result.Error.ToJson());
    }

    [Theory]
    [InlineData("{\"id\": \"/g\",")]
    [InlineData("")]
    [InlineData("{\"id\":\"/g\"} trailing")]
    public void Parse_MalformedJson_Answers400WithStringDetails(string body)
    {
        var result = Parse(body, PathId.Root);

        Assert.Equal(400, result.Error!.StatusCode);
        var json = JsonNode.Parse(result.Error.ToJson())!;
        Assert.Equal("Invalid JSON", (string?)json["message"]);
        Assert.False(string.IsNullOrEmpty((string?)json["details"]));
    }

    [Fact]
    public void Parse_ProductTree_ResolvesRelativeIdsAgainstTheirGroup()
    {
        var result = Parse(Golden.Groups.Read("product.request.json"), PathId.Root);

        var product = result.Group!;
        Assert.Equal("/product", product.Id.ToString());
        Assert.Equal(["/product/frontend"], product.Apps!.Select(a => a.Id.ToString()));
        Assert.Equal(["/product/database", "/product/service"], product.Groups!.Select(g => g.Id.ToString()));
        var database = product.Groups![0];
        Assert.Equal(["/product/database/mongo", "/product/database/mysql"], database.Apps!.Select(a => a.Id.ToString()));
        Assert.Null(database.Dependencies);
        Assert.Null(database.Groups);
        var service = product.Groups![1];
        Assert.Equal(["/product/database"], service.Dependencies!.Select(d => d.ToString()));
        var rails = Assert.Single(service.Apps!);
        Assert.Equal("/product/service/rails", rails.Id.ToString());
        Assert.Equal(["/product/database/mysql"], rails.Dependencies.Select(d => d.ToString()));
        Assert.Equal(0, rails.Instances);
    }

    [Fact]
    public void Parse_NoId_IsTheUrlGroup()
    {
        var result = Parse("{\"apps\":[{\"id\":\"web\",\"cmd\":\"sleep 1\"}]}", PathId.Parse("/prod/eu"));

        Assert.Equal("/prod/eu", result.Group!.Id.ToString());
        Assert.Equal("/prod/eu/web", Assert.Single(result.Group.Apps!).Id.ToString());
    }

    [Fact]
    public void Parse_RelativeIdInBody_ResolvesAgainstUrlGroup()
    {
        var result = Parse("{\"id\":\"eu\",\"groups\":[{\"id\":\"db\"}]}", PathId.Parse("/prod"));

        Assert.Equal("/prod/eu", result.Group!.Id.ToString());
        Assert.Equal("/prod/eu/db", Assert.Single(result.Group.Groups!).Id.ToString());
        Assert.Null(result.Group.Apps);
    }

    [Fact]
    public void Parse_ScaleBy_IsTheOnlyField()
    {
        var result = Parse("{\"scaleBy\": 1.5}", PathId.Parse("/g"));

        Assert.Equal(1.5, result.Group!.ScaleBy);
        Assert.Equal("/g", result.Group.Id.ToString());
        Assert.Null(result.Group.Apps);
        Assert.Null(result.Group.Version);
    }

    [Fact]
    public void Parse_Version_IsReadAsTimestamp()
    {
        var result = Parse("{\"version\": \"2020-01-02T03:04:05.678Z\"}", PathId.Parse("/g"));

        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), result.Group!.Version);
    }

    [Fact]
    public void Parse_EmptyLists_AreGivenNotAbsent()
    {
        var result = Parse("{\"id\":\"/g\",\"apps\":[],\"groups\":[],\"dependencies\":[],\"pods\":[]}", PathId.Root);

        Assert.Empty(result.Group!.Apps!);
        Assert.Empty(result.Group.Groups!);
        Assert.Empty(result.Group.Dependencies!);
    }

    [Fact]
    public void Parse_AppsOfManyGroups_ReportEveryBrokenOneAtItsPath()
    {
        var body = """
            {"id":"/g","apps":[{"id":"a"}],"groups":[{"id":"s","apps":[{"id":"b","cmd":"sleep 1","constraints":[["hostname"]]}]}]}
            """;

        var result = Parse(body, PathId.Root);

        var details = JsonNode.Parse(result.Error!.ToJson())!["details"]!.AsArray();
        Assert.Equal(["/apps(0)", "/groups(0)/apps(0)/constraints(0)"], details.Select(d => (string?)d!["path"]));
    }

    private static GroupParseResult Parse(string body, PathId basePath) =>
        GroupJson.Parse(Encoding.UTF8.GetBytes(body), basePath, AppParseOptions.Default);
}
