using Regatta.Protocol.V1;
using Regatta.Resources;
using MasterResponse = Regatta.Protocol.V1.Master.Response;
using Resource = Regatta.Protocol.V1.Resource;

namespace Regatta.Master.Snapshots;

/// <summary>Renders snapshot records as v1 operator API messages (shared by events and GET_* responses).</summary>
internal static class SnapshotProtos
{
    public static TimeInfo ToTimeInfo(DateTimeOffset time) =>
        new() { Nanoseconds = (time - DateTimeOffset.UnixEpoch).Ticks * 100 };

    public static double ToEpochSeconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <summary>v1 resources carrying <c>allocation_info.role</c>, as Mesos renders allocated/offered resources.</summary>
    public static IEnumerable<Resource> WithAllocationRole(ResourceSet resources, string role)
    {
        foreach (var resource in ResourceWire.ToProto(resources))
        {
            resource.AllocationInfo = new Resource.Types.AllocationInfo { Role = role };
            yield return resource;
        }
    }

    public static IEnumerable<Resource> WithAllocationRoles(IReadOnlyDictionary<string, ResourceSet> byRole) =>
        byRole.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => WithAllocationRole(p.Value, p.Key));

    public static MasterResponse.Types.GetAgents.Types.Agent ToAgent(AgentSnapshot agent)
    {
        var message = new MasterResponse.Types.GetAgents.Types.Agent
        {
            AgentInfo = agent.Info,
            Active = agent.Active,
            Deactivated = agent.Deactivated,
            Pid = agent.Pid,
            RegisteredTime = ToTimeInfo(agent.RegisteredTime),
        };
        if (agent.Version is not null)
        {
            message.Version = agent.Version;
        }

        if (agent.ReregisteredTime is { } reregistered)
        {
            message.ReregisteredTime = ToTimeInfo(reregistered);
        }

        message.TotalResources.AddRange(ResourceWire.ToProto(agent.Total));
        message.AllocatedResources.AddRange(WithAllocationRoles(agent.AllocatedByRole));
        message.OfferedResources.AddRange(WithAllocationRoles(agent.OfferedByRole));
        message.Capabilities.AddRange(agent.Capabilities);
        return message;
    }

    public static MasterResponse.Types.GetFrameworks.Types.Framework ToFramework(FrameworkSnapshot framework)
    {
        var message = new MasterResponse.Types.GetFrameworks.Types.Framework
        {
            FrameworkInfo = framework.Info,
            Active = framework.Active,
            Connected = framework.Connected,
            Recovered = framework.Recovered,
        };
        if (framework.RegisteredTime is { } registered)
        {
            message.RegisteredTime = ToTimeInfo(registered);
        }

        if (framework.ReregisteredTime is { } reregistered)
        {
            message.ReregisteredTime = ToTimeInfo(reregistered);
        }

        if (framework.UnregisteredTime is { } unregistered)
        {
            message.UnregisteredTime = ToTimeInfo(unregistered);
        }

        message.Offers.AddRange(framework.Offers.Select(o => o.Offer));
        message.AllocatedResources.AddRange(WithAllocationRoles(framework.AllocatedByRole));
        message.OfferedResources.AddRange(WithAllocationRoles(framework.OfferedByRole));
        return message;
    }
}
