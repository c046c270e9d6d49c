using System.Diagnostics;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Core;

internal sealed partial class MasterCore
{
    /// <summary>
    /// One allocation run over <paramref name="agentIds"/> (null = all): turns the allocator's decisions into
    /// offers, one OFFERS event per framework. <paramref name="latency"/> is how long the run waited after it
    /// was requested (for metrics).
    /// </summary>
    public void Allocate(DateTimeOffset now, IReadOnlyCollection<string>? agentIds, TimeSpan latency)
    {
        var started = Stopwatch.GetTimestamp();
        var result = _allocator.Allocate(now, agentIds);
        var byFramework = new Dictionary<string, List<Offer>>(StringComparer.Ordinal);
        foreach (var allocation in result.Offers)
        {
            if (!_frameworks.TryGetValue(allocation.FrameworkId, out var framework) || !framework.Active
                || !_agents.TryGetValue(allocation.AgentId, out var agent) || !agent.IsActive)
            {
                // The allocator and the master disagree (should not happen); give the resources back unfiltered.
                _allocator.Recover(allocation.FrameworkId, allocation.AgentId, allocation.Resources, null, now, allocation.Role);
                continue;
            }

            var offer = CreateOffer(framework, agent, allocation.Role, allocation.Resources, now);
            if (!byFramework.TryGetValue(framework.Id, out var list))
            {
                list = [];
                byFramework.Add(framework.Id, list);
            }

            list.Add(offer.Proto);
        }

        foreach (var (frameworkId, offers) in byFramework)
        {
            SendToFramework(_frameworks[frameworkId], SchedulerEvents.Offers(offers));
        }

        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var stats = _allocatorStats;
        _allocatorStats = new AllocatorStats(
            stats.Runs + 1,
            elapsedMs,
            stats.TotalRunMs + elapsedMs,
            Math.Max(stats.MaxRunMs, elapsedMs),
            latency.TotalMilliseconds);
    }

    private OfferRecord CreateOffer(FrameworkRecord framework, AgentRecord agent, string role, ResourceSet resources, DateTimeOffset now)
    {
        var id = NewOfferId();
        var address = new Address { Hostname = agent.Info.Hostname, Port = agent.Info.Port };
        if (agent.Ip is { } ip)
        {
            address.Ip = ip;
        }

        var proto = new Offer
        {
            Id = new OfferID { Value = id },
            FrameworkId = framework.Info.Id,
            AgentId = agent.Info.Id,
            Hostname = agent.Info.Hostname,
            Url = new URL { Scheme = "http", Address = address, Path = "/slave(1)" },
            AllocationInfo = new Protocol.V1.Resource.Types.AllocationInfo { Role = role },
        };
        if (agent.Info.Domain is { } domain)
        {
            proto.Domain = domain;
        }

        proto.Resources.AddRange(SnapshotProtos.WithAllocationRole(resources, role));
        proto.Attributes.AddRange(agent.Info.Attributes);
        var offer = new OfferRecord(id, framework.Id, agent.Id, role, resources, proto, now);
        _offers.Add(id, offer);
        framework.OfferIds.Add(id);
        framework.Offered.Add(role, resources);
        agent.OfferIds.Add(id);
        agent.Offered.Add(role, resources);
        Count(MasterCounter.OutstandingOffersCreated);
        if (_options.OfferTimeout is { } timeout)
        {
            _deadlines.Schedule(now + timeout, new Deadline(DeadlineKind.OfferTimeout, id, 0));
        }

        return offer;
    }

    /// <summary>Forgets the offer without giving its resources back (they were accepted).</summary>
    private void DetachOffer(OfferRecord offer)
    {
        _offers.Remove(offer.Id);
        if (_frameworks.TryGetValue(offer.FrameworkId, out var framework))
        {
            framework.OfferIds.Remove(offer.Id);
            framework.Offered.Subtract(offer.Role, offer.Resources);
        }

        if (_agents.TryGetValue(offer.AgentId, out var agent))
        {
            agent.OfferIds.Remove(offer.Id);
            agent.Offered.Subtract(offer.Role, offer.Resources);
        }
    }

    /// <summary>
    /// Withdraws an offer and returns its resources to the allocator, filtered for <paramref name="refuse"/> if
    /// given; <paramref name="rescind"/> tells the framework (RESCIND), as for timeouts and lost agents.
    /// </summary>
    private void RemoveOffer(OfferRecord offer, TimeSpan? refuse, bool rescind, DateTimeOffset now)
    {
        DetachOffer(offer);
        _allocator.Recover(offer.FrameworkId, offer.AgentId, offer.Resources, refuse, now, offer.Role);
        if (rescind && _frameworks.TryGetValue(offer.FrameworkId, out var framework))
        {
            Count(MasterCounter.OffersRescinded);
            SendToFramework(framework, SchedulerEvents.Rescind(offer.Id));
        }

        Outbox.RequestAllocation(offer.AgentId);
    }

    private void RescindAgentOffers(AgentRecord agent, DateTimeOffset now)
    {
        foreach (var offerId in agent.OfferIds.ToList())
        {
            RemoveOffer(_offers[offerId], refuse: null, rescind: true, now);
        }
    }

    private void OnOfferTimeout(Deadline deadline, DateTimeOffset now)
    {
        if (_offers.TryGetValue(deadline.Id, out var offer))
        {
            RemoveOffer(offer, refuse: null, rescind: true, now);
        }
    }

    /// <summary>Mesos's refuse_seconds rules: default 5 s; negative or not a number → default; 0 → no filter; capped at 365 days.</summary>
    internal static TimeSpan? RefuseDuration(Filters? filters)
    {
        const double DefaultSeconds = 5;
        var seconds = filters is { HasRefuseSeconds: true } ? filters.RefuseSeconds : DefaultSeconds;
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = DefaultSeconds;
        }

        if (seconds == 0)
        {
            return null;
        }

        var max = Allocation.AllocatorOptions.MaxRefuse;
        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }
}
