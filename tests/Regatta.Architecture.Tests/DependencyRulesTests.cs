using System.Reflection;

namespace Regatta.Architecture.Tests;

/// <summary>The dependency direction of docs/architecture.md, checked on the compiled assemblies.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] OurAssemblies =
        ["Regatta.Resources", "Regatta.Protocol", "Regatta.Allocation", "Regatta.Coordination", "Regatta.Master", "Regatta.Agent", "Regatta.Framework", "Regatta.Services", "regatta"];

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Regatta.Protocol", [] },
        { "Regatta.Resources", ["Regatta.Protocol"] },
        { "Regatta.Allocation", ["Regatta.Resources"] },
        { "Regatta.Coordination", [] },
        { "Regatta.Master", ["Regatta.Resources", "Regatta.Protocol", "Regatta.Allocation", "Regatta.Coordination"] },
        { "Regatta.Agent", ["Regatta.Resources", "Regatta.Protocol"] },
        { "Regatta.Framework", ["Regatta.Protocol"] },
        { "Regatta.Services", ["Regatta.Resources", "Regatta.Protocol", "Regatta.Framework", "Regatta.Coordination"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Assembly_ReferencesOnlyAllowedRegattaAssemblies(string assembly, string[] allowed)
    {
        var actual = References(assembly).Where(r => OurAssemblies.Contains(r)).ToList();

        var forbidden = actual.Except(allowed).ToList();
        Assert.True(forbidden.Count == 0, $"{assembly} must not reference {string.Join(", ", forbidden)}");
    }

    [Theory]
    [InlineData("Regatta.Resources")]
    [InlineData("Regatta.Protocol")]
    [InlineData("Regatta.Allocation")]
    [InlineData("Regatta.Coordination")]
    [InlineData("Regatta.Framework")]
    public void CoreAssembly_DoesNotReferenceAspNetCore(string assembly)
    {
        var web = References(assembly).Where(r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).ToList();

        Assert.True(web.Count == 0, $"{assembly} references {string.Join(", ", web)}; only HTTP adapters and the CLI may");
    }

    private static IEnumerable<string> References(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        Assert.True(File.Exists(path), $"{path} not found next to the tests");
        return Assembly.LoadFrom(path).GetReferencedAssemblies().Select(a => a.Name ?? "");
    }
}
