using Regatta.Master.Http;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class LegacyRolesJsonTests
{
    [Fact]
    public async Task WriteRoles_OneOfEach_RendersMesosRoleObjects()
    {
        using var json = await RenderAsync(s =>
        {
            LegacyRolesJson.WriteRoles(s.Writer, OneOfEach());
            return ValueTask.CompletedTask;
        });

        var roles = json.RootElement.GetProperty("roles");
        Assert.Equal(2, roles.GetArrayLength());
        var star = roles[0];
        Assert.Equal(["name", "weight", "quota", "resources", "allocated", "offered", "reserved", "frameworks"], Keys(star));
        Assert.Equal("*", star.GetProperty("name").GetString());
        Assert.Equal(3, star.GetProperty("resources").GetProperty("cpus").GetDouble());
        Assert.Equal(1, star.GetProperty("allocated").GetProperty("cpus").GetDouble());
        Assert.Equal([FrameworkId], star.GetProperty("frameworks").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["role", "guarantee", "limit", "consumed"], Keys(star.GetProperty("quota")));

        var web = roles[1];
        Assert.Equal(2, web.GetProperty("weight").GetDouble());
        Assert.Equal(2, web.GetProperty("reserved").GetProperty("cpus").GetDouble());
        Assert.False(web.GetProperty("allocated").TryGetProperty("cpus", out _));
    }

    [Fact]
    public async Task WriteWeights_OneOfEach_ListsConfiguredWeights()
    {
        using var json = await RenderAsync(s =>
        {
            LegacyRolesJson.WriteWeights(s.Writer, OneOfEach());
            return ValueTask.CompletedTask;
        });

        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("web", entry.GetProperty("role").GetString());
        Assert.Equal(2, entry.GetProperty("weight").GetDouble());
    }
}
