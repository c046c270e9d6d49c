using V1 = Regatta.Protocol.V1;

namespace Regatta.Resources.Tests;

public sealed class ResourceWireTests
{
    [Fact]
    public void ToProto_Reserved_SetsRoleAndReservations()
    {
        var messages = ResourceWire.ToProto(ResourceText.Parse("cpus:1;mem(web):64"));

        var cpus = Assert.Single(messages, m => m.Name == "cpus");
        Assert.Equal(V1.Value.Types.Type.Scalar, cpus.Type);
        Assert.Equal(1.0, cpus.Scalar.Value);
#pragma warning disable CS0612 // the deprecated role field is part of what we must emit
        Assert.Equal("*", cpus.Role);
        Assert.Empty(cpus.Reservations);
        var mem = Assert.Single(messages, m => m.Name == "mem");
        Assert.Equal("web", mem.Role);
#pragma warning restore CS0612
        var reservation = Assert.Single(mem.Reservations);
        Assert.Equal(V1.Resource.Types.ReservationInfo.Types.Type.Static, reservation.Type);
        Assert.Equal("web", reservation.Role);
    }

    [Fact]
    public void FromProto_LegacyRoleWithReservation_IsDynamic()
    {
        var message = new V1.Resource
        {
            Name = "cpus",
            Type = V1.Value.Types.Type.Scalar,
            Scalar = new() { Value = 2 },
#pragma warning disable CS0612
            Role = "web",
#pragma warning restore CS0612
            Reservation = new() { Principal = "ops" },
        };

        var set = ResourceWire.FromProto([message]);

        Assert.Equal(Reservation.Dynamic("web", "ops"), Assert.Single(set).Reservation);
    }

    [Fact]
    public void FromProto_TypeWithoutMatchingValue_ThrowsNamingResource()
    {
        var message = new V1.Resource { Name = "ports", Type = V1.Value.Types.Type.Ranges, Scalar = new() { Value = 1 } };

        var e = Assert.Throws<ResourceFormatException>(() => ResourceWire.FromProto([message]));

        Assert.Contains("'ports'", e.Message, StringComparison.Ordinal);
        Assert.Contains("RANGES", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProto_Revocable_IsRejected()
    {
        var message = new V1.Resource { Name = "cpus", Type = V1.Value.Types.Type.Scalar, Scalar = new() { Value = 1 }, Revocable = new() };

        var e = Assert.Throws<ResourceFormatException>(() => ResourceWire.FromProto([message]));

        Assert.Contains("not supported", e.Message, StringComparison.Ordinal);
    }
}
