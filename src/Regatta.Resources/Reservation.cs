namespace Regatta.Resources;

/// <summary>
/// A single-level reservation of a resource to a role. Mesos allows a stack of refinements
/// (<c>eng</c> → <c>eng/backend</c>); Regatta keeps only the innermost entry until refinement is needed.
/// </summary>
public sealed record Reservation
{
    public Reservation(ReservationType type, string role, string? principal = null)
    {
        RoleName.Validate(role);
        if (role == RoleName.Unreserved)
        {
            throw new ArgumentException("a reservation needs a role other than '*'", nameof(role));
        }

        Type = type;
        Role = role;
        Principal = string.IsNullOrEmpty(principal) ? null : principal;
    }

    public ReservationType Type { get; }

    public string Role { get; }

    public string? Principal { get; }

    public static Reservation Static(string role) => new(ReservationType.Static, role);

    public static Reservation Dynamic(string role, string? principal = null) => new(ReservationType.Dynamic, role, principal);
}
