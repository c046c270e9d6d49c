using Regatta.Protocol.V1;
using Regatta.Resources;
using Capability = Regatta.Protocol.V1.FrameworkInfo.Types.Capability.Types.Type;

namespace Regatta.Master.Core;

/// <summary>The master's rules for FrameworkInfo on SUBSCRIBE and UPDATE_FRAMEWORK (Mesos validation::framework).</summary>
internal static class FrameworkValidation
{
    /// <summary>Null when valid, else the message for a 400 response.</summary>
    public static string? Validate(FrameworkInfo info, IEnumerable<string> suppressedRoles, IReadOnlyList<string>? roleWhitelist)
    {
        if (info.Id is { } id && string.IsNullOrEmpty(id.Value))
        {
            return "'FrameworkInfo.id' must not be empty when present";
        }

        if (double.IsNaN(info.FailoverTimeout) || info.FailoverTimeout < 0)
        {
            return $"'FrameworkInfo.failover_timeout' must be a non-negative number of seconds, got {info.FailoverTimeout}";
        }

        var multiRole = FrameworkRecord.Has(info, Capability.MultiRole);
#pragma warning disable CS0612 // FrameworkInfo.role is deprecated but still validated, as Mesos does.
        if (multiRole && info.HasRole)
        {
            return "'FrameworkInfo.role' must not be set when the framework has the MULTI_ROLE capability; use 'FrameworkInfo.roles'";
        }
#pragma warning restore CS0612

        if (!multiRole && info.Roles.Count > 0)
        {
            return "'FrameworkInfo.roles' requires the MULTI_ROLE capability";
        }

        var roles = FrameworkRecord.EffectiveRoles(info);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (RoleName.Check(role) is { } problem)
            {
                return $"'FrameworkInfo.role{(multiRole ? "s" : "")}' is invalid: {problem}";
            }

            if (!seen.Add(role))
            {
                return $"'FrameworkInfo.roles' contains duplicate role '{role}'";
            }

            if (roleWhitelist is not null && role != RoleName.Unreserved && !roleWhitelist.Contains(role, StringComparer.Ordinal))
            {
                return $"Role '{role}' is not present in the master's --roles";
            }
        }

        foreach (var role in suppressedRoles)
        {
            if (!seen.Contains(role))
            {
                return $"Suppressed role '{role}' is not contained in the framework's roles";
            }
        }

        return null;
    }

    /// <summary>UPDATE_FRAMEWORK may not change these (Mesos rejects it).</summary>
    public static string? ValidateUpdate(FrameworkInfo current, FrameworkInfo update)
    {
        if (current.User != update.User)
        {
            return "Updating 'FrameworkInfo.user' is unsupported";
        }

        if (current.Checkpoint != update.Checkpoint)
        {
            return "Updating 'FrameworkInfo.checkpoint' is unsupported";
        }

        if (current.Principal != update.Principal)
        {
            return "Changing framework's principal is not allowed";
        }

        return null;
    }
}
