using System.Globalization;

namespace Regatta.Cli.Flags;

/// <summary>Validated flag values; typed getters fall back to the definition's default.</summary>
internal sealed class ParsedFlags(FlagSet set, IReadOnlyDictionary<string, string> values, bool helpRequested)
{
    public bool HelpRequested { get; } = helpRequested;

    public FlagSet Set { get; } = set;

    public bool IsSet(string name) => values.ContainsKey(name);

    public string? String(string name) => Raw(name);

    public int Int(string name) => int.Parse(RawOrThrow(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public double Double(string name) => double.Parse(RawOrThrow(name), NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool Bool(string name) => RawOrThrow(name) is "true" or "1";

    public TimeSpan Duration(string name) => TryDuration(name) ?? throw new FlagException($"missing value for '--{name}'");

    public TimeSpan? TryDuration(string name)
    {
        var raw = Raw(name);
        return raw is null ? null : Flags.Duration.TryParse(raw, out var d) ? d : throw new FlagException($"--{name}: invalid duration '{raw}'");
    }

    /// <summary>Every known flag with its effective value (explicit or default), as /master/state's "flags" shows them.</summary>
    public IReadOnlyDictionary<string, string> Effective()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var def in Set.Definitions)
        {
            var raw = Raw(def.Name);
            if (raw is not null)
            {
                result[def.Name] = raw;
            }
        }

        return result;
    }

    private string? Raw(string name)
    {
        if (values.TryGetValue(name, out var v))
        {
            return v;
        }

        return Set.Definitions.FirstOrDefault(d => d.Name == name)?.Default;
    }

    private string RawOrThrow(string name) => Raw(name) ?? throw new FlagException($"missing value for '--{name}'");
}
