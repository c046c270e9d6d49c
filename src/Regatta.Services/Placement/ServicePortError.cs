namespace Regatta.Services.Placement;

/// <summary>A service port that cannot be given: <see cref="Index"/> is the port's position in the app's ports.</summary>
internal sealed record ServicePortError(int Index, string Message);
