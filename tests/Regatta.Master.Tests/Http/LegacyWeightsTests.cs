using System.Text;
using Regatta.Master.Http;

namespace Regatta.Master.Tests.Http;

public sealed class LegacyWeightsTests
{
    private static IReadOnlyDictionary<string, double>? Parse(string body, out string? error) =>
        LegacyWeights.TryParse(Encoding.UTF8.GetBytes(body), out error);

    [Fact]
    public void TryParse_ValidArray_TrimsRolesAndKeepsWeights()
    {
        var weights = Parse("""[{"role":" web ","weight":2.5},{"role":"batch","weight":"0.5"}]""", out var error);

        Assert.Null(error);
        Assert.Equal(new Dictionary<string, double> { ["web"] = 2.5, ["batch"] = 0.5 }, weights);
    }

    [Theory]
    [InlineData("""[{"role":"web","weight":0}]""", "role 'web'", "Weights must be positive")]
    [InlineData("""[{"role":"web","weight":-2}]""", "role 'web'", "Invalid weight '-2'")]
    [InlineData("""[{"role":"a//b","weight":1}]""", "Invalid role 'a//b'", "entry #0")]
    [InlineData("""[{"weight":1}]""", "Invalid role ''", "must not be empty")]
    [InlineData("""[{"role":"web"}]""", "entry #0", "'weight'")]
    [InlineData("""[{"role":"web","weight":true}]""", "entry #0", "'weight' must be a number")]
    [InlineData("""[{"role":7,"weight":1}]""", "entry #0", "'role' must be a string")]
    [InlineData("""{"role":"web","weight":1}""", "expected an array", "object")]
    [InlineData("""[{"role":"web","weight":1},5]""", "entry #1", "must be an object")]
    [InlineData("""[{"role":""", "Failed to parse update weights request JSON", "[{\"role\":")]
    public void TryParse_BadInput_ErrorNamesEntryAndRule(string body, string expected1, string expected2)
    {
        var weights = Parse(body, out var error);

        Assert.Null(weights);
        Assert.Contains(expected1, error);
        Assert.Contains(expected2, error);
    }
}
