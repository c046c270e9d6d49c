using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Regatta.Architecture.Tests;

/// <summary>
/// Pure components (resources, allocation) decide without I/O and without reading the clock: time comes in as data.
/// Checked by scanning the member references compiled into their assemblies.
/// </summary>
public sealed class PurityTests
{
    private static readonly string[] ForbiddenTypes =
    [
        "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.Net.Http.HttpClient",
        "System.Net.Sockets.Socket", "System.Diagnostics.Stopwatch", "System.Threading.Timer", "System.Threading.Thread",
        "System.Diagnostics.Process",
    ];

    private static readonly (string Type, string Member)[] ForbiddenMembers =
    [
        ("System.DateTime", "get_Now"), ("System.DateTime", "get_UtcNow"), ("System.DateTimeOffset", "get_Now"),
        ("System.DateTimeOffset", "get_UtcNow"), ("System.Environment", "get_TickCount"), ("System.Environment", "get_TickCount64"),
        ("System.Threading.Tasks.Task", "Delay"), ("System.TimeProvider", "get_System"), ("System.Random", "get_Shared"),
    ];

    [Theory]
    [InlineData("Regatta.Resources")]
    [InlineData("Regatta.Allocation")]
    public void PureAssembly_UsesNoClockNoIo(string assembly)
    {
        var violations = MemberReferences(assembly)
            .Where(r => ForbiddenTypes.Contains(r.Type) || ForbiddenMembers.Contains(r))
            .Select(r => $"{r.Type}.{r.Member}")
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, $"{assembly} uses {string.Join(", ", violations)}");
    }

    [Fact]
    public void MemberReferences_SeesClockUseInAnImpureAssembly()
    {
        // Guards the scanner itself: the agent reads time through TimeProvider, so the scan must find something there.
        Assert.NotEmpty(MemberReferences("Regatta.Agent"));
    }

    private static List<(string Type, string Member)> MemberReferences(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var result = new List<(string, string)>();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            var type = TypeName(md, member.Parent);
            if (type is not null)
            {
                result.Add((type, md.GetString(member.Name)));
            }
        }

        foreach (var handle in md.TypeReferences)
        {
            var t = md.GetTypeReference(handle);
            result.Add((md.GetString(t.Namespace) + "." + md.GetString(t.Name), ""));
        }

        return result;
    }

    private static string? TypeName(MetadataReader md, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => Full(md, (TypeReferenceHandle)parent),
        HandleKind.TypeSpecification => null,
        _ => null,
    };

    private static string Full(MetadataReader md, TypeReferenceHandle h)
    {
        var t = md.GetTypeReference(h);
        return md.GetString(t.Namespace) + "." + md.GetString(t.Name);
    }
}
