using System.Globalization;
using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>
/// Decides whether one task fits one offer: role, then constraints, then cpus, mem, disk, gpus and ports.
/// Collects every reason instead of stopping at the first, so the queue can explain a waiting app fully.
/// Resources reserved to the app's role are used before unreserved ones.
/// </summary>
internal static class OfferMatcher
{
    /// <param name="random">Seeded source for dynamic host ports; null picks the lowest free ports.</param>
    public static OfferMatch Match(TaskRequirements task, OfferView offer, PlacementContext context, Random? random = null)
    {
        if (offer.AllocationRole is { } allocated && allocated != task.Role)
        {
            var reason = new PlacementReason(
                RejectReason.UnfulfilledRole,
                $"offer {offer.OfferId} is allocated to role {allocated}, the app's role is {task.Role}");
            return new OfferMatch(offer, [reason], ResourceSet.Empty, []);
        }

        var reasons = new List<PlacementReason>();
        foreach (var constraint in task.ConstraintList)
        {
            if (constraint.Check(offer.Agent, context) is { } rejected)
            {
                reasons.Add(rejected);
            }
        }

        var accepted = task.EffectiveAcceptedRoles;
        var usable = offer.Resources.Where(r => accepted.Contains(r.Role));
        var consumed = new List<Resource>();
        TakeScalar("cpus", task.Cpus, RejectReason.InsufficientCpus);
        TakeScalar("mem", task.Mem, RejectReason.InsufficientMemory);
        TakeScalar("disk", task.Disk, RejectReason.InsufficientDisk);
        TakeScalar("gpus", task.Gpus, RejectReason.InsufficientGpus);

        IReadOnlyList<int?> hostPorts = [];
        if (task.PortRequest.Count > 0)
        {
            if (HostPortAssigner.TryAssign(task.PortRequest, usable.Ranges("ports"), random, out var picked, out var error))
            {
                hostPorts = picked;
                consumed.AddRange(TakePorts(usable, HostPortAssigner.ToRanges(picked)));
            }
            else if (HostPortAssigner.TryAssign(task.PortRequest, offer.Resources.Ranges("ports"), null, out _, out _))
            {
                reasons.Add(RoleReason("ports", accepted));
            }
            else
            {
                reasons.Add(new PlacementReason(RejectReason.InsufficientPorts, error!));
            }
        }

        if (reasons.Count > 0)
        {
            return new OfferMatch(offer, reasons.OrderBy(r => r.Reason).ToList(), ResourceSet.Empty, []);
        }

        return new OfferMatch(offer, [], ResourceSet.Of(consumed), hostPorts);

        void TakeScalar(string name, double amount, RejectReason insufficient)
        {
            var needed = ToMilli(amount);
            if (needed <= 0)
            {
                return;
            }

            if (ToMilli(usable.Scalar(name)) < needed)
            {
                reasons.Add(ToMilli(offer.Resources.Scalar(name)) >= needed
                    ? RoleReason(name, accepted)
                    : new PlacementReason(
                        insufficient,
                        $"{name}: needs {Format(amount)}, offer {offer.OfferId} on {offer.Agent.Hostname} has {Format(usable.Scalar(name))}"));
                return;
            }

            foreach (var entry in ReservedFirst(usable, name, ResourceType.Scalar))
            {
                var take = Math.Min(needed, ToMilli(entry.Scalar));
                if (take > 0)
                {
                    consumed.Add(Resource.CreateScalar(name, take / 1000.0, entry.Reservation));
                    needed -= take;
                }

                if (needed == 0)
                {
                    break;
                }
            }
        }
    }

    private static IEnumerable<Resource> TakePorts(ResourceSet usable, ValueRanges wanted)
    {
        foreach (var entry in ReservedFirst(usable, "ports", ResourceType.Ranges))
        {
            var take = entry.Ranges.Intersect(wanted);
            if (!take.IsEmpty)
            {
                wanted = wanted.Subtract(take);
                yield return Resource.CreateRanges("ports", take, entry.Reservation);
            }
        }
    }

    private static IEnumerable<Resource> ReservedFirst(ResourceSet set, string name, ResourceType type) =>
        set.Where(r => r.Name == name && r.Type == type).OrderBy(r => r.IsReserved ? 0 : 1);

    private static PlacementReason RoleReason(string name, IReadOnlySet<string> accepted) =>
        new(
            RejectReason.UnfulfilledRole,
            $"{name}: enough offered, but not in the accepted resource roles [{string.Join(", ", accepted.Order(StringComparer.Ordinal))}]");

    private static long ToMilli(double value) => (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
