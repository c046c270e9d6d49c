using Regatta.Resources;

namespace Regatta.Allocation.Tests.Simulation;

/// <summary>
/// A scripted scheduler: launches up to <paramref name="TasksPerOffer"/> tasks of <paramref name="TaskSize"/>
/// (scalars only) per offer, never more than <paramref name="MaxTasks"/> running, and declines the rest with
/// <paramref name="RefuseSeconds"/>. Tasks end after <paramref name="TaskDuration"/> (null = run forever).
/// </summary>
internal sealed record SimulatedFramework(
    string Id,
    string Role,
    ResourceSet TaskSize,
    int TasksPerOffer = 1,
    int MaxTasks = int.MaxValue,
    double RefuseSeconds = 0,
    TimeSpan? TaskDuration = null);
