namespace Regatta.Allocation.Tests.Harness;

/// <summary>
/// Runs every Scenarios/*.txt through <see cref="AllocatorScript"/> and compares the transcript with the file.
/// Set REGATTA_UPDATE_GOLDEN=1 to rewrite the files in the source tree after a deliberate behaviour change.
/// </summary>
public sealed class AllocatorScriptTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios"), "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Run_Scenario_MatchesRecordedTranscript(string name)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", name)).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

        var actual = AllocatorScript.Run(expected);

        if (actual != expected && Environment.GetEnvironmentVariable("REGATTA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Scenarios", name), actual);
            return;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Run_UnknownCommand_NamesTheLine()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AllocatorScript.Run("agent a1 cpus:1;mem:64\nfly away"));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
