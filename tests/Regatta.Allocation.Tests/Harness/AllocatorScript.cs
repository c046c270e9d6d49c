using System.Globalization;
using System.Text;
using Regatta.Resources;

namespace Regatta.Allocation.Tests.Harness;

/// <summary>
/// Recording harness: runs a script of allocator events and writes a transcript in which every command is
/// echoed and every output line starts with <c>&gt; </c>. A scenario file is its own expected transcript.
/// </summary>
/// <remarks>
/// Commands: <c>options seed=N interval=1s min=cpus:1|mem:32 weights=r=2,s=1 whitelist=a,b</c> (first only) ·
/// <c>agent ID RESOURCES</c> · <c>remove-agent ID</c> · <c>update-agent ID RESOURCES</c> · <c>activate-agent ID</c> ·
/// <c>deactivate-agent ID</c> · <c>framework ID roles=a,b [suppressed=a] [inactive]</c> ·
/// <c>update-framework ID roles=a,b [suppressed=a]</c> · <c>remove-framework ID</c> · <c>activate-framework ID</c> ·
/// <c>deactivate-framework ID</c> · <c>suppress ID [a,b]</c> · <c>revive ID [a,b]</c> · <c>used FW AGENT RESOURCES</c> ·
/// <c>recover FW AGENT RESOURCES [refuse=5s] [role=r]</c> · <c>decline FW AGENT [refuse=5s]</c> (returns that
/// framework's last offers on the agent) · <c>advance 5s</c> · <c>weights r=2 s=1</c> · <c>allocate [a1,a2]</c> ·
/// <c>available AGENT</c> · <c>share ROLE</c> · <c>filters ROLE</c>.
/// </remarks>
internal sealed class AllocatorScript
{
    private readonly StringBuilder _transcript = new();
    private readonly Dictionary<(string Framework, string Agent), List<OfferAllocation>> _lastOffers = [];
    private HierarchicalAllocator? _allocator;
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Run(string script)
    {
        var runner = new AllocatorScript();
        var lineNumber = 0;
        foreach (var raw in script.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
            {
                continue;
            }

            runner._transcript.Append(line).Append('\n');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                runner.Execute(line);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidOperationException($"line {lineNumber} '{line}': {e.Message}", e);
            }
        }

        return runner._transcript.ToString().TrimEnd('\n') + "\n";
    }

    private HierarchicalAllocator Allocator => _allocator ??= new HierarchicalAllocator(AllocatorOptions.Default with { Seed = -1 });

    private static ResourceSet R(string text) => ResourceText.Parse(text);

    private static string[] List(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TimeSpan Duration(string text)
    {
        var unit = text[^2..] == "ms" ? "ms" : text[^1..];
        var number = double.Parse(text[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new FormatException($"unknown duration unit in '{text}'"),
        };
    }

    private static bool IsNamed(string word)
    {
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && word[..eq].All(c => char.IsLetter(c) || c == '-');
    }

    private void Output(string line) => _transcript.Append("> ").Append(line).Append('\n');

    private void Execute(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // key=value words are named (resource texts never contain '='); everything else is positional.
        var named = words.Skip(1).Where(IsNamed).Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var positional = words.Skip(1).Where(w => !IsNamed(w)).ToArray();
        string Arg(int i) => positional.Length > i ? positional[i] : throw new FormatException($"missing argument {i + 1}");
        TimeSpan? Refuse() => named.TryGetValue("refuse", out var r) ? Duration(r) : null;

        switch (words[0])
        {
            case "options":
                if (_allocator is not null)
                {
                    throw new InvalidOperationException("options must come first");
                }

                _allocator = new HierarchicalAllocator(new AllocatorOptions(
                    named.TryGetValue("interval", out var interval) ? Duration(interval) : TimeSpan.FromSeconds(1),
                    named.TryGetValue("min", out var min) ? AllocatorOptions.ParseMinAllocatable(min) : AllocatorOptions.DefaultMinAllocatable,
                    ParseWeights(named.GetValueOrDefault("weights")),
                    named.TryGetValue("whitelist", out var whitelist) ? new HashSet<string>(List(whitelist)) : null,
                    named.TryGetValue("seed", out var seed) ? int.Parse(seed, CultureInfo.InvariantCulture) : -1));
                break;
            case "agent":
                Allocator.AddAgent(Arg(0), R(Arg(1)));
                break;
            case "remove-agent":
                Allocator.RemoveAgent(Arg(0));
                break;
            case "update-agent":
                Allocator.UpdateAgentTotal(Arg(0), R(Arg(1)));
                break;
            case "activate-agent":
                Allocator.ActivateAgent(Arg(0));
                break;
            case "deactivate-agent":
                Allocator.DeactivateAgent(Arg(0));
                break;
            case "framework":
                Allocator.AddFramework(Arg(0), List(named.GetValueOrDefault("roles")), List(named.GetValueOrDefault("suppressed")), null, !positional.Contains("inactive"));
                break;
            case "update-framework":
                Allocator.UpdateFramework(Arg(0), List(named.GetValueOrDefault("roles")), List(named.GetValueOrDefault("suppressed")));
                break;
            case "remove-framework":
                Allocator.RemoveFramework(Arg(0));
                break;
            case "activate-framework":
                Allocator.ActivateFramework(Arg(0));
                break;
            case "deactivate-framework":
                Allocator.DeactivateFramework(Arg(0));
                break;
            case "suppress":
                Allocator.Suppress(Arg(0), List(positional.ElementAtOrDefault(1)));
                break;
            case "revive":
                Allocator.Revive(Arg(0), List(positional.ElementAtOrDefault(1)));
                break;
            case "used":
                Allocator.AddUsed(Arg(0), Arg(1), R(Arg(2)), named.GetValueOrDefault("role"));
                break;
            case "recover":
                Allocator.Recover(Arg(0), Arg(1), R(Arg(2)), Refuse(), _now, named.GetValueOrDefault("role"));
                break;
            case "decline":
                foreach (var offer in _lastOffers.GetValueOrDefault((Arg(0), Arg(1))) ?? [])
                {
                    Allocator.Recover(offer.FrameworkId, offer.AgentId, offer.Resources, Refuse(), _now, offer.Role);
                }

                _lastOffers.Remove((Arg(0), Arg(1)));
                break;
            case "advance":
                _now += Duration(Arg(0));
                break;
            case "weights":
                Allocator.UpdateWeights(named.ToDictionary(p => p.Key, p => double.Parse(p.Value, CultureInfo.InvariantCulture)));
                break;
            case "allocate":
                Allocate(positional.Length > 0 ? List(positional[0]) : null);
                break;
            case "available":
                Output(Allocator.AgentAvailable(Arg(0)).ToString());
                break;
            case "share":
                Output(Allocator.DominantShare(Arg(0)).ToString("0.####", CultureInfo.InvariantCulture));
                break;
            case "filters":
                Output(Allocator.ActiveFilterCount(Arg(0)).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new FormatException($"unknown command '{words[0]}'");
        }
    }

    private void Allocate(IReadOnlyCollection<string>? agents)
    {
        var result = Allocator.Allocate(_now, agents);
        foreach (var offer in result.Offers)
        {
            Output($"offer {offer.FrameworkId} role={offer.Role} agent={offer.AgentId} {offer.Resources}");
            var key = (offer.FrameworkId, offer.AgentId);
            if (!_lastOffers.TryGetValue(key, out var list))
            {
                list = [];
                _lastOffers[key] = list;
            }

            list.Add(offer);
        }

        Output($"agents={result.AgentsConsidered} inactive={result.SkippedInactiveAgent} nothing-free={result.SkippedNothingAvailable} " +
            $"below-min={result.SkippedBelowMinimum} filtered={result.SkippedFiltered} no-offer={result.SkippedNoCandidate}");
    }

    private static Dictionary<string, double> ParseWeights(string? text) =>
        List(text).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
