namespace Regatta.Services.Events;

/// <summary>
/// How deployment events write their <c>plan</c> (<c>plan-format=</c> on <c>/v2/events</c>). Light is Marathon 1.8+'s
/// only form; full adds the <c>original</c> and <c>target</c> group trees, as Marathon up to 1.7 did by default.
/// </summary>
internal enum PlanFormat
{
    Light,
    Full,
}
