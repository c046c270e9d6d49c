using System.Net;
using Regatta.Allocation;
using Regatta.Resources;

namespace Regatta.Master;

/// <summary>The rules behind <see cref="MasterOptions.Validate"/>.</summary>
internal static class MasterOptionsValidator
{
    public static IReadOnlyList<string> Validate(MasterOptions options)
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.Ip, out _))
        {
            errors.Add($"--ip: '{options.Ip}' is not an IP address");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"--port: {options.Port} is not between 0 and 65535");
        }

        if (options.AdvertiseIp is { } advertiseIp && !IPAddress.TryParse(advertiseIp, out _))
        {
            errors.Add($"--advertise_ip: '{advertiseIp}' is not an IP address");
        }

        if (options.AdvertisePort is { } advertisePort && advertisePort is < 1 or > 65535)
        {
            errors.Add($"--advertise_port: {advertisePort} is not between 1 and 65535");
        }

        if (options.Hostname is { } hostname && string.IsNullOrWhiteSpace(hostname))
        {
            errors.Add("--hostname: must not be blank");
        }

        if (options.Registry is not (MasterOptions.ReplicatedLogRegistry or MasterOptions.InMemoryRegistry))
        {
            errors.Add($"--registry: '{options.Registry}' is not one of replicated_log, in_memory");
        }
        else if (options.IsDurable && string.IsNullOrWhiteSpace(options.WorkDir))
        {
            errors.Add("--work_dir: required when --registry=replicated_log (the default)");
        }

        if (options.Roles is { } roles)
        {
            foreach (var role in roles)
            {
                if (RoleName.Check(role) is { } problem)
                {
                    errors.Add($"--roles: {problem}");
                }
            }
        }

        foreach (var (role, weight) in options.Weights)
        {
            if (RoleName.Check(role) is { } problem)
            {
                errors.Add($"--weights: {problem}");
            }

            if (!double.IsFinite(weight) || weight <= 0)
            {
                errors.Add($"--weights: weight of role '{role}' must be a positive number, got {weight}");
            }
        }

        if (options.OfferTimeout is { } offerTimeout && offerTimeout <= TimeSpan.Zero)
        {
            errors.Add("--offer_timeout: must be positive");
        }

        Positive(errors, "--allocation_interval", options.AllocationInterval);
        Positive(errors, "--agent_ping_timeout", options.AgentPingTimeout);
        Positive(errors, "--agent_reregister_timeout", options.AgentReregisterTimeout);
        Positive(errors, "heartbeat interval", options.HeartbeatInterval);
        if (options.MaxAgentPingTimeouts < 1)
        {
            errors.Add($"--max_agent_ping_timeouts: must be at least 1, got {options.MaxAgentPingTimeouts}");
        }

        if (options.MaxCompletedFrameworks < 0)
        {
            errors.Add($"--max_completed_frameworks: must not be negative, got {options.MaxCompletedFrameworks}");
        }

        if (options.MaxCompletedTasksPerFramework < 0)
        {
            errors.Add($"--max_completed_tasks_per_framework: must not be negative, got {options.MaxCompletedTasksPerFramework}");
        }

        if (options.MaxOperatorEventSubscribers < 1)
        {
            errors.Add($"--max_operator_event_stream_subscribers: must be at least 1, got {options.MaxOperatorEventSubscribers}");
        }

        try
        {
            AllocatorOptions.ParseMinAllocatable(options.MinAllocatableResources);
        }
        catch (ResourceFormatException error)
        {
            errors.Add($"--min_allocatable_resources: {error.Message}");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string flag, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{flag}: must be positive, got {value}");
        }
    }
}
