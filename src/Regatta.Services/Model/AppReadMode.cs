namespace Regatta.Services.Model;

/// <summary>What kind of body the reader is looking at, which decides the required fields.</summary>
internal enum AppReadMode
{
    /// <summary>A whole new app (POST): <c>id</c> is required.</summary>
    Create,

    /// <summary>A full replacement (PUT with <c>partialUpdate=false</c>): the id comes from the URL, not the body.</summary>
    Replace,

    /// <summary>A partial update (PATCH, PUT): every field optional.</summary>
    Update,

    /// <summary>A definition written by <see cref="AppStorage"/>: like create, plus <c>versionInfo</c>.</summary>
    Stored,
}
