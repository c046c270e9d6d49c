using Regatta.Resources;

namespace Regatta.Allocation.Tests.Simulation;

internal sealed record SimulatedTask(string FrameworkId, string Role, string AgentId, ResourceSet Resources, DateTimeOffset? EndsAt);
