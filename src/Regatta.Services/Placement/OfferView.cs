using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>An offer as placement sees it: the agent, the offered resources and the role they were allocated to.</summary>
internal sealed record OfferView(string OfferId, AgentView Agent, ResourceSet Resources, string? AllocationRole = null);
