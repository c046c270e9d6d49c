namespace Regatta.Services.Model;

/// <summary>
/// The errors found at one place of the input, in Marathon's path syntax: a slash per field and parentheses for
/// array indexes (<c>/healthChecks(0)/portIndex</c>); <c>/</c> is the object as a whole.
/// </summary>
internal sealed record ValidationError(string Path, ValueArray<string> Errors);
