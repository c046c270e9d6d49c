namespace Regatta.Services.Model;

/// <summary>
/// The durable form of an app definition: the same JSON the API serves (version and versionInfo included), read
/// back without re-validation so that rules tightened later never make a stored app unreadable. Reading a written
/// definition gives an equal definition.
/// </summary>
internal static class AppStorage
{
    public static byte[] Serialize(AppDefinition app) => AppJsonWriter.ToUtf8(app);

    /// <summary>Reads a stored definition; fails (never throws) on corrupt bytes.</summary>
    public static AppParseResult Deserialize(ReadOnlyMemory<byte> utf8)
    {
        var (spec, error, _) = AppJson.Read(utf8, AppReadMode.Stored);
        return spec is null ? AppParseResult.Failure(error!) : AppJson.Complete(spec, AppParseOptions.Default, validate: false);
    }
}
