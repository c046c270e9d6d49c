using System.Collections;
using System.Globalization;
using System.Text;

namespace Regatta.Cli.Flags;

/// <summary>
/// Parses Mesos-style flags: <c>--name=value</c>, <c>--name value</c>, <c>--name</c> / <c>--no-name</c> for booleans,
/// <c>file:///path</c> values read from a file, and <c>PREFIX_NAME</c> environment variables (command line wins).
/// Every value is checked against its kind at parse time, so a malformed flag fails before anything starts.
/// </summary>
internal sealed class FlagSet(string command, string envPrefix, IEnumerable<FlagDefinition> definitions)
{
    private readonly Dictionary<string, FlagDefinition> byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public string Command { get; } = command;

    public IEnumerable<FlagDefinition> Definitions => byName.Values;

    public ParsedFlags Parse(IReadOnlyList<string> args, IDictionary? environment = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromEnvironment = new HashSet<string>(StringComparer.Ordinal);
        environment ??= Environment.GetEnvironmentVariables();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string key || !key.StartsWith(envPrefix, StringComparison.Ordinal) || entry.Value is not string value)
            {
                continue;
            }

            // Unknown MESOS_* variables are common (libmesos reads several), so they are ignored rather than rejected.
            var name = key[envPrefix.Length..].ToLowerInvariant();
            if (byName.ContainsKey(name))
            {
                values[name] = value;
                fromEnvironment.Add(name);
            }
        }

        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new FlagException($"unexpected argument '{arg}': flags look like --name=value");
            }

            var body = arg[2..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq >= 0 ? body[..eq] : body;
            string? value = eq >= 0 ? body[(eq + 1)..] : null;
            name = name.Replace('-', '_');

            if (!byName.TryGetValue(name, out var def))
            {
                if (value is null && name.StartsWith("no_", StringComparison.Ordinal) && byName.TryGetValue(name[3..], out var negated) && negated.Kind == FlagKind.Bool)
                {
                    values[negated.Name] = "false";
                    fromEnvironment.Remove(negated.Name);
                    continue;
                }

                throw new FlagException($"unknown flag '--{name}'{Suggest(name)}");
            }

            if (value is null)
            {
                if (def.Kind == FlagKind.Bool)
                {
                    value = i + 1 < args.Count && args[i + 1] is "true" or "false" ? args[++i] : "true";
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new FlagException($"flag '--{name}' needs a value");
                }
            }

            values[name] = value;
            fromEnvironment.Remove(name);
        }

        foreach (var name in values.Keys.ToList())
        {
            values[name] = Resolve(name, values[name], fromEnvironment.Contains(name) ? envPrefix + name.ToUpperInvariant() : "--" + name);
        }

        foreach (var def in byName.Values)
        {
            if (!help && def.Required && !values.ContainsKey(def.Name))
            {
                throw new FlagException($"missing required flag '--{def.Name}' ({def.Help})");
            }
        }

        return new ParsedFlags(this, values, help);
    }

    public string Usage()
    {
        var sb = new StringBuilder();
        sb.Append("Usage: regatta ").Append(Command).AppendLine(" [--flag=value ...]").AppendLine();
        foreach (var def in byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            sb.Append("  --").Append(def.Name);
            sb.Append(def.Kind == FlagKind.Bool ? "" : "=VALUE");
            sb.AppendLine();
            sb.Append("      ").Append(def.Help);
            if (def.Default is not null)
            {
                sb.Append(" (default: ").Append(def.Default).Append(')');
            }

            sb.AppendLine();
        }

        sb.AppendLine().Append("Every flag can also be set with the environment variable ").Append(envPrefix).AppendLine("<FLAG>.");
        return sb.ToString();
    }

    private string Resolve(string name, string raw, string source)
    {
        var def = byName[name];
        var value = raw;
        if (value.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = value["file://".Length..];
            try
            {
                value = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new FlagException($"{source}: cannot read '{path}': {e.Message}");
            }
        }

        var ok = def.Kind switch
        {
            FlagKind.String => true,
            FlagKind.Int => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            FlagKind.Double => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            FlagKind.Bool => value is "true" or "false" or "1" or "0",
            FlagKind.Duration => Duration.TryParse(value, out _),
            _ => false,
        };
        if (!ok)
        {
            var expected = def.Kind switch
            {
                FlagKind.Int => "an integer",
                FlagKind.Double => "a number",
                FlagKind.Bool => "true or false",
                FlagKind.Duration => Duration.Syntax,
                _ => "a value",
            };
            throw new FlagException($"{source}: invalid value '{value}': expected {expected}");
        }

        return value;
    }

    private string Suggest(string name)
    {
        var close = byName.Keys
            .Select(k => (k, d: Distance(k, name)))
            .Where(x => x.d <= 2)
            .OrderBy(x => x.d)
            .Select(x => x.k)
            .FirstOrDefault();
        return close is null ? $" (see 'regatta {Command} --help')" : $" (did you mean '--{close}'?)";
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
