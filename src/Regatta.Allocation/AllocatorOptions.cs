using Regatta.Resources;

namespace Regatta.Allocation;

/// <summary>
/// Allocator configuration. <paramref name="MinAllocatable"/> lists alternatives (Mesos <c>cpus:0.01|mem:32</c>):
/// resources are offered only if they cover every quantity of at least one alternative.
/// <paramref name="Seed"/> drives the agent visiting order; a negative seed visits agents in id order.
/// </summary>
internal sealed record AllocatorOptions(
    TimeSpan AllocationInterval,
    IReadOnlyList<ResourceSet> MinAllocatable,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlySet<string>? RoleWhitelist,
    int Seed = 0)
{
    /// <summary>Mesos's longest honoured <c>refuse_seconds</c>.</summary>
    public static readonly TimeSpan MaxRefuse = TimeSpan.FromDays(365);

    // Declared before Default: static initializers run in textual order.
    public static IReadOnlyList<ResourceSet> DefaultMinAllocatable { get; } = ParseMinAllocatable("cpus:0.01|mem:32");

    /// <summary>Mesos defaults: 1 s interval, <c>cpus:0.01|mem:32</c>, weight 1 for every role, all roles allowed.</summary>
    public static AllocatorOptions Default { get; } = new(
        TimeSpan.FromSeconds(1),
        DefaultMinAllocatable,
        new Dictionary<string, double>(),
        null);

    /// <summary>
    /// Parses the <c>--min_allocatable_resources</c> flag: alternatives separated by <c>|</c>, each a resource
    /// text whose quantities must all be present (<c>;</c> = and). Throws <see cref="ResourceFormatException"/>.
    /// </summary>
    public static IReadOnlyList<ResourceSet> ParseMinAllocatable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var alternatives = new List<ResourceSet>();
        foreach (var part in text.Split('|'))
        {
            var set = ResourceText.Parse(part);
            if (set.IsEmpty)
            {
                throw new ResourceFormatException($"min_allocatable_resources: alternative '{part.Trim()}' is empty");
            }

            if (!set.Unreserved.Equals(set))
            {
                throw new ResourceFormatException($"min_allocatable_resources: alternative '{part.Trim()}' must not name roles");
            }

            alternatives.Add(set);
        }

        return alternatives;
    }
}
