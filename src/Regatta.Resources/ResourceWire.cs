using Google.Protobuf.Collections;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Resources;

// The deprecated Resource.role field is still part of the wire contract: Mesos fills it and old clients read it.
#pragma warning disable CS0612

/// <summary>Conversion between <see cref="ResourceSet"/> and the Mesos v1 <c>Resource</c> wire message.</summary>
public static class ResourceWire
{
    public static List<V1.Resource> ToProto(ResourceSet resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var list = new List<V1.Resource>(resources.Count);
        foreach (var r in resources)
        {
            list.Add(ToProto(r));
        }

        return list;
    }

    /// <summary>As <see cref="ToProto(ResourceSet)"/>, with <c>allocation_info.role</c> set on each resource (offers, tasks).</summary>
    public static List<V1.Resource> ToProto(ResourceSet resources, string allocationRole)
    {
        var list = ToProto(resources);
        foreach (var message in list)
        {
            message.AllocationInfo = new V1.Resource.Types.AllocationInfo { Role = allocationRole };
        }

        return list;
    }

    public static V1.Resource ToProto(Resource resource)
    {
        var message = new V1.Resource
        {
            Name = resource.Name,
            // Mesos still fills the deprecated role field alongside reservations for older clients.
            Role = resource.Role,
        };
        switch (resource.Type)
        {
            case ResourceType.Scalar:
                message.Type = V1.Value.Types.Type.Scalar;
                message.Scalar = new V1.Value.Types.Scalar { Value = resource.Scalar };
                break;
            case ResourceType.Ranges:
                message.Type = V1.Value.Types.Type.Ranges;
                message.Ranges = ToProto(resource.Ranges);
                break;
            default:
                message.Type = V1.Value.Types.Type.Set;
                message.Set = new V1.Value.Types.Set();
                message.Set.Item.AddRange(resource.Set);
                break;
        }

        if (resource.Reservation is { } reservation)
        {
            var info = new V1.Resource.Types.ReservationInfo
            {
                Type = reservation.Type == ReservationType.Static
                    ? V1.Resource.Types.ReservationInfo.Types.Type.Static
                    : V1.Resource.Types.ReservationInfo.Types.Type.Dynamic,
                Role = reservation.Role,
            };
            if (reservation.Principal is not null)
            {
                info.Principal = reservation.Principal;
            }

            message.Reservations.Add(info);
        }

        return message;
    }

    public static V1.Value.Types.Ranges ToProto(ValueRanges ranges)
    {
        var message = new V1.Value.Types.Ranges();
        foreach (var r in ranges)
        {
            message.Range.Add(new V1.Value.Types.Range { Begin = r.Begin, End = r.End });
        }

        return message;
    }

    /// <summary>
    /// Validates and converts wire resources; throws <see cref="ResourceFormatException"/> naming the resource.
    /// Resources without a role or reservation get <paramref name="defaultRole"/> as a static reservation.
    /// </summary>
    public static ResourceSet FromProto(IEnumerable<V1.Resource> resources, string defaultRole = RoleName.Unreserved)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var list = new List<Resource>();
        var index = 0;
        foreach (var message in resources)
        {
            list.Add(FromProto(message, index++, defaultRole));
        }

        return ResourceSet.Of(list);
    }

    public static bool TryFromProto(IEnumerable<V1.Resource> resources, out ResourceSet result, out string? error)
    {
        try
        {
            result = FromProto(resources);
            error = null;
            return true;
        }
        catch (ResourceFormatException e)
        {
            result = ResourceSet.Empty;
            error = e.Message;
            return false;
        }
    }

    internal static ValueRanges FromProto(V1.Value.Types.Ranges ranges, string what)
    {
        var list = new List<ValueRange>(ranges.Range.Count);
        foreach (var r in ranges.Range)
        {
            if (r.Begin > r.End)
            {
                throw new ResourceFormatException($"{what}: range begin {r.Begin} is greater than end {r.End}");
            }

            list.Add(new ValueRange(r.Begin, r.End));
        }

        return ValueRanges.Of(list);
    }

    private static Resource FromProto(V1.Resource m, int index, string defaultRole)
    {
        var what = string.IsNullOrEmpty(m.Name) ? $"resource #{index}" : $"resource '{m.Name}' (#{index})";
        if (string.IsNullOrEmpty(m.Name))
        {
            throw new ResourceFormatException($"{what}: 'name' is required");
        }

        if (!m.HasType)
        {
            throw new ResourceFormatException($"{what}: 'type' is required");
        }

        if (m.Revocable is not null || m.Shared is not null || m.Disk is not null || m.ProviderId is not null)
        {
            throw new ResourceFormatException($"{what}: revocable, shared, disk and resource-provider resources are not supported");
        }

        var reservation = ReadReservation(m, what, defaultRole);
        try
        {
            return m.Type switch
            {
                V1.Value.Types.Type.Scalar => ReadScalar(m, what, reservation),
                V1.Value.Types.Type.Ranges when m.Ranges is not null && m.Scalar is null && m.Set is null =>
                    Resource.CreateRanges(m.Name, FromProto(m.Ranges, what), reservation),
                V1.Value.Types.Type.Set when m.Set is not null && m.Scalar is null && m.Ranges is null =>
                    Resource.CreateSet(m.Name, ReadSet(m.Set.Item, what), reservation),
                V1.Value.Types.Type.Text => throw new ResourceFormatException($"{what}: type TEXT is not allowed for resources"),
                var t => throw new ResourceFormatException($"{what}: type {t.ToString().ToUpperInvariant()} needs exactly the matching value field"),
            };
        }
        catch (ArgumentException e)
        {
            throw new ResourceFormatException($"{what}: {e.Message.Split(" (Parameter")[0]}", e);
        }
    }

    private static Resource ReadScalar(V1.Resource m, string what, Reservation? reservation)
    {
        if (m.Scalar is null || m.Ranges is not null || m.Set is not null)
        {
            throw new ResourceFormatException($"{what}: type SCALAR needs exactly the 'scalar' value field");
        }

        var value = m.Scalar.Value;
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
        {
            throw new ResourceFormatException($"{what}: scalar value must be a finite, non-negative number (got {value})");
        }

        return Resource.CreateScalar(m.Name, value, reservation);
    }

    private static ValueSet ReadSet(RepeatedField<string> items, string what)
    {
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item))
            {
                throw new ResourceFormatException($"{what}: set items must not be empty");
            }
        }

        return ValueSet.Of(items);
    }

    private static Reservation? ReadReservation(V1.Resource m, string what, string defaultRole)
    {
        if (m.Reservations.Count > 1)
        {
            throw new ResourceFormatException($"{what}: reservation refinement (more than one entry in 'reservations') is not supported");
        }

        if (m.Reservations.Count == 1)
        {
            var info = m.Reservations[0];
            if (!info.HasRole || info.Role == RoleName.Unreserved)
            {
                throw new ResourceFormatException($"{what}: reservations[0].role is required and must not be '*'");
            }

            if (m.HasRole && m.Role != RoleName.Unreserved && m.Role != info.Role)
            {
                throw new ResourceFormatException($"{what}: 'role' ({m.Role}) differs from reservations[0].role ({info.Role})");
            }

            var type = info.Type switch
            {
                V1.Resource.Types.ReservationInfo.Types.Type.Static => ReservationType.Static,
                V1.Resource.Types.ReservationInfo.Types.Type.Dynamic => ReservationType.Dynamic,
                _ => throw new ResourceFormatException($"{what}: reservations[0].type must be STATIC or DYNAMIC"),
            };
            return Create(type, info.Role, info.HasPrincipal ? info.Principal : null, what);
        }

        if (m.HasRole && m.Role != RoleName.Unreserved)
        {
            // Pre-refinement format: a role alone is static; a role with 'reservation' is dynamic.
            return m.Reservation is null
                ? Create(ReservationType.Static, m.Role, null, what)
                : Create(ReservationType.Dynamic, m.Role, m.Reservation.HasPrincipal ? m.Reservation.Principal : null, what);
        }

        return m.HasRole || defaultRole == RoleName.Unreserved ? null : Create(ReservationType.Static, defaultRole, null, what);
    }

    private static Reservation Create(ReservationType type, string role, string? principal, string what)
    {
        var problem = RoleName.Check(role);
        return problem is null
            ? new Reservation(type, role, principal)
            : throw new ResourceFormatException($"{what}: {problem}");
    }
}
