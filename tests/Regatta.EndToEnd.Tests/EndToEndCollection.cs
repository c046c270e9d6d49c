namespace Regatta.EndToEnd.Tests;

/// <summary>End-to-end tests start real processes; on a 2-core machine they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
