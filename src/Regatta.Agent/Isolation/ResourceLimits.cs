using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Isolation;

/// <summary>The cpus and mem (MB) a task asked for, summed over its resources (all roles); null when not given.</summary>
internal sealed record ResourceLimits(double? Cpus, double? MemMb)
{
    public static ResourceLimits None { get; } = new(null, null);

    public static ResourceLimits Of(IEnumerable<V1.Resource> resources)
    {
        double? cpus = null;
        double? mem = null;
        foreach (var resource in resources)
        {
            if (resource.Type != V1.Value.Types.Type.Scalar || resource.Scalar is null)
            {
                continue;
            }

            if (resource.Name == "cpus")
            {
                cpus = (cpus ?? 0) + resource.Scalar.Value;
            }
            else if (resource.Name == "mem")
            {
                mem = (mem ?? 0) + resource.Scalar.Value;
            }
        }

        return new ResourceLimits(cpus, mem);
    }
}
