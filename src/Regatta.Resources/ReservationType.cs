namespace Regatta.Resources;

/// <summary>How a reservation was made: by the agent's <c>--resources</c> flag (static) or by an operation (dynamic).</summary>
public enum ReservationType
{
    Static,
    Dynamic,
}
