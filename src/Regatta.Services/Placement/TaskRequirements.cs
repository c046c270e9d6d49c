namespace Regatta.Services.Placement;

/// <summary>What one task of an app needs from an offer.</summary>
/// <param name="Role">The app's role (Marathon 1.9+ <c>role</c>); offers allocated to another role are refused.</param>
/// <param name="AcceptedResourceRoles">
/// Reservation roles whose resources may be used (<c>*</c> = unreserved); null means <c>*</c> and <see cref="Role"/>.
/// </param>
internal sealed record TaskRequirements(
    double Cpus,
    double Mem,
    double Disk = 0,
    int Gpus = 0,
    HostPortRequest? Ports = null,
    string Role = "*",
    IReadOnlyList<string>? AcceptedResourceRoles = null,
    IReadOnlyList<Constraint>? Constraints = null)
{
    public HostPortRequest PortRequest => Ports ?? HostPortRequest.None;

    public IReadOnlyList<Constraint> ConstraintList => Constraints ?? [];

    public IReadOnlySet<string> EffectiveAcceptedRoles =>
        new HashSet<string>(AcceptedResourceRoles ?? ["*", Role], StringComparer.Ordinal);
}
