namespace Regatta.Services.Model;

/// <summary>Why an app body was refused; each kind has its own Marathon status code and body shape.</summary>
internal enum AppInputErrorKind
{
    /// <summary>Not JSON at all: 400 with a string <c>details</c>.</summary>
    MalformedJson,

    /// <summary>JSON of the wrong type or shape: 422 <c>"Invalid JSON"</c> with a details list.</summary>
    InvalidJson,

    /// <summary>Well-formed but breaking a rule: 422 <c>"Object is not valid"</c> with a details list.</summary>
    NotValid,
}
