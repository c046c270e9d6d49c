using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

public sealed class PathIdTests
{
    [Theory]
    [InlineData("/a//b/", "/a/b", true)]
    [InlineData("a/b", "a/b", false)]
    [InlineData("/", "/", true)]
    [InlineData("", "", false)]
    [InlineData("///x///", "/x", true)]
    [InlineData("../db", "../db", false)]
    public void Parse_Text_NormalizesSlashes(string text, string expected, bool absolute)
    {
        var id = PathId.Parse(text);

        Assert.Equal(expected, id.ToString());
        Assert.Equal(absolute, id.IsAbsolute);
    }

    [Theory]
    [InlineData("../db", "/prod/web", "/prod/db")]
    [InlineData("db", "/prod", "/prod/db")]
    [InlineData("specific/../../database", "/product/service", "/product/database")]
    [InlineData("../../../../x", "/a/b", "/x")]
    [InlineData("/abs/./path/../other", "/ignored", "/abs/other")]
    [InlineData("./sibling", "/g", "/g/sibling")]
    [InlineData("..", "/a", "/")]
    public void Resolve_AgainstBase_FoldsDots(string text, string basePath, string expected)
    {
        var resolved = PathId.Parse(text).Resolve(PathId.Parse(basePath));

        Assert.Equal(expected, resolved.ToString());
        Assert.True(resolved.IsAbsolute);
    }

    [Fact]
    public void Parent_NestedId_IsEnclosingGroup()
    {
        Assert.Equal(PathId.Parse("/a/b"), PathId.Parse("/a/b/c").Parent);
        Assert.Equal(PathId.Root, PathId.Parse("/a").Parent);
        Assert.Equal(PathId.Root, PathId.Root.Parent);
    }

    [Fact]
    public void Ancestors_NestedId_NearestFirstEndingAtRoot()
    {
        var ancestors = PathId.Parse("/a/b/c").Ancestors.Select(a => a.ToString()).ToList();

        Assert.Equal(["/a/b", "/a", "/"], ancestors);
        Assert.Empty(PathId.Root.Ancestors);
    }

    [Fact]
    public void IsChildOf_DirectAndDeeperChildren_OnlyDirectCounts()
    {
        var group = PathId.Parse("/prod");

        Assert.True(PathId.Parse("/prod/web").IsChildOf(group));
        Assert.False(PathId.Parse("/prod/web/api").IsChildOf(group));
        Assert.True(PathId.Parse("/prod/web/api").IsDescendantOf(group));
        Assert.False(PathId.Parse("/production").IsDescendantOf(group));
        Assert.False(group.IsDescendantOf(group));
        Assert.True(PathId.Parse("/top").IsChildOf(PathId.Root));
        Assert.False(PathId.Parse("prod/web").IsChildOf(group));
    }

    [Fact]
    public void RelativeTo_Ancestor_GivesRelativeRest()
    {
        var rest = PathId.Parse("/prod/web/api").RelativeTo(PathId.Parse("/prod"));

        Assert.Equal("web/api", rest.ToString());
        Assert.False(rest.IsAbsolute);
        Assert.Equal(PathId.Parse("/prod/web/api"), rest.Resolve(PathId.Parse("/prod")));
    }

    [Fact]
    public void Equality_SameSegmentsDifferentRootedness_NotEqual()
    {
        Assert.Equal(PathId.Parse("/a/b"), PathId.Parse("/a//b/"));
        Assert.Equal(PathId.Parse("/a/b").GetHashCode(), PathId.Parse("/a//b/").GetHashCode());
        Assert.NotEqual(PathId.Parse("/a"), PathId.Parse("a"));
        Assert.Equal(PathId.Root, default);
        Assert.Equal(PathId.Root, PathId.Parse("/"));
    }

    [Fact]
    public void CompareTo_Ids_GroupSortsBeforeItsChildren()
    {
        var sorted = new[] { "/b", "/a/b", "/a", "/a-b" }.Select(PathId.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["/a", "/a/b", "/a-b", "/b"], sorted);
    }

    [Fact]
    public void Append_ChildPath_JoinsAndGivesSafeName()
    {
        var id = PathId.Parse("/prod").Append("web/api");

        Assert.Equal("/prod/web/api", id.ToString());
        Assert.Equal("prod_web_api", id.SafeName);
        Assert.Equal("api", id.Name);
    }

    [Theory]
    [InlineData("/web")]
    [InlineData("/a.b-c/d0")]
    [InlineData("/x1.y2/z")]
    [InlineData("/0")]
    [InlineData("/my-app-2")]
    public void Check_ValidIds_NoErrors(string id) => Assert.Empty(PathIdRules.Check(PathId.Parse(id)));

    [Theory]
    [InlineData("/Web")]
    [InlineData("/-a")]
    [InlineData("/a-")]
    [InlineData("/a_b")]
    [InlineData("/a..b")]
    [InlineData("/a.-b")]
    [InlineData("/a b")]
    public void Check_BadSegment_PatternMessage(string id) =>
        Assert.Equal([PathIdRules.PatternMessage], PathIdRules.Check(PathId.Parse(id)));

    [Theory]
    [InlineData("/a/tasks")]
    [InlineData("/restart")]
    [InlineData("/x/versions")]
    public void Check_ReservedLastSegment_ReservedMessage(string id) =>
        Assert.Equal([PathIdRules.ReservedMessage], PathIdRules.Check(PathId.Parse(id)));

    [Fact]
    public void Check_ReservedWordInsideId_Allowed() => Assert.Empty(PathIdRules.Check(PathId.Parse("/tasks/web")));

    [Fact]
    public void PatternMessage_Text_IsMarathons() =>
        Assert.Equal(
            @"must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])|(\.|\.\.)$'",
            PathIdRules.PatternMessage);

    [Theory]
    [InlineData("/a//b", true)]
    [InlineData("../x", true)]
    [InlineData("a/b/", true)]
    [InlineData("./x", false)]
    [InlineData("A", false)]
    [InlineData("/a_b", false)]
    public void MatchesIdText_Text_FollowsRamlPattern(string text, bool matches) => Assert.Equal(matches, PathIdRules.MatchesIdText(text));
}
