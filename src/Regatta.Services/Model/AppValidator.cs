using System.Globalization;

namespace Regatta.Services.Model;

/// <summary>
/// Marathon's semantic rules for a normalized app, with its messages and paths (reported as 422
/// <c>"Object is not valid"</c>). Rules that need only the JSON are checked earlier by <see cref="AppJsonReader"/>
/// (types, minimums, patterns) and <see cref="LegacyMigration"/> (the 1.4 fields).
/// </summary>
internal static partial class AppValidator
{
    public const string CmdArgsOrContainer = "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";
    public const string ConstraintFieldCount = "Each constraint must have either 2 or 3 fields";
    public const string ConstraintIllegal = "illegal constraint specification";
    public const string ConstraintOperatorInvalid =
        "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, MAX_PER, UNLIKE or IS";

    public const string SingleInstanceLabel = "MARATHON_SINGLE_INSTANCE_APP";

    private static readonly string[] Operators = ["UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "MAX_PER", "UNLIKE", "IS"];

    public static void Validate(AppDefinition app, AppParseOptions options, ErrorCollector errors)
    {
        ValidateId(app, errors);
        if (app.Cmd is { Length: <= 1 })
        {
            // Marathon's quirk: a one-character command is refused with this message.
            errors.Add("/", "must not be an empty string");
        }

        ValidateContainer(app, errors);
        ValidatePortDefinitions(app, errors);
        var hasCmd = app.Cmd is not null;
        var hasArgs = !app.Args.IsEmpty;
        var hasContainer = app.Container is { } c && (c.Docker is not null || c.Type == ContainerType.Mesos);
        if (!((hasCmd ^ hasArgs) || (!(hasCmd && hasArgs) && hasContainer)))
        {
            errors.Add("/", CmdArgsOrContainer);
        }

        ValidateHealthChecks(app, errors);
        ValidateReadinessChecks(app, errors);
        ValidateStrategies(app, errors);
        ValidateConstraints(app, options, errors);
        ValidateNetworks(app, errors);
        ValidateResources(app, options, errors);
        ValidateRoles(app, options, errors);
        for (var i = 0; i < app.Fetch.Count; i++)
        {
            if (!UriSyntax.IsValid(app.Fetch[i].Uri))
            {
                errors.Add($"/fetch({i})/uri", UriSyntax.InvalidMessage);
            }
        }

        if (app.Env.ContainsKey(""))
        {
            errors.Add("/env", "must not be empty");
        }
    }

    private static void ValidateId(AppDefinition app, ErrorCollector errors)
    {
        if (app.Id.IsRoot)
        {
            errors.Add("/id", PathIdRules.EmptyMessage);
            errors.Add("/", "must not be root");
        }

        foreach (var error in PathIdRules.Check(app.Id))
        {
            errors.Add("/id", error);
        }

        for (var i = 0; i < app.Dependencies.Count; i++)
        {
            foreach (var error in PathIdRules.Check(app.Dependencies[i]))
            {
                errors.Add($"/dependencies({i})", error);
            }
        }
    }

    private static void ValidateStrategies(AppDefinition app, ErrorCollector errors)
    {
        CheckFraction("/upgradeStrategy/minimumHealthCapacity", app.UpgradeStrategy.MinimumHealthCapacity, errors);
        CheckFraction("/upgradeStrategy/maximumOverCapacity", app.UpgradeStrategy.MaximumOverCapacity, errors);
        if (app.Labels.TryGetValue(SingleInstanceLabel, out var single) && single == "true")
        {
            if (app.Instances > 1)
            {
                errors.Add("/", "Single instance app may only have one instance");
            }

            // Two copies of a single-instance app must never run side by side, so a restart stops the old one first.
            if (app.UpgradeStrategy.MinimumHealthCapacity != 0)
            {
                errors.Add("/upgradeStrategy/minimumHealthCapacity", $"got {ScalaDouble(app.UpgradeStrategy.MinimumHealthCapacity)}, expected 0.0");
            }

            if (app.UpgradeStrategy.MaximumOverCapacity != 0)
            {
                errors.Add("/upgradeStrategy/maximumOverCapacity", $"got {ScalaDouble(app.UpgradeStrategy.MaximumOverCapacity)}, expected 0.0");
            }
        }

        if (app.UnreachableStrategy is { IsEnabled: true } unreachable && unreachable.InactiveAfterSeconds > unreachable.ExpungeAfterSeconds)
        {
            errors.Add(
                "/unreachableStrategy/inactiveAfterSeconds",
                $"inactiveAfterSeconds ({unreachable.InactiveAfterSeconds}) must be less or equal to expungeAfterSeconds, which is {unreachable.ExpungeAfterSeconds}");
        }
    }

    private static void CheckFraction(string path, double value, ErrorCollector errors)
    {
        if (value > 1)
        {
            errors.Add(path, "is greater than 1");
        }
        else if (value < 0)
        {
            errors.Add(path, "is less than 0");
        }
    }

    private static void ValidateConstraints(AppDefinition app, AppParseOptions options, ErrorCollector errors)
    {
        for (var i = 0; i < app.Constraints.Count; i++)
        {
            var constraint = app.Constraints[i];
            var path = $"/constraints({i})";
            if (constraint.Count is < 2 or > 3)
            {
                errors.Add(path, ConstraintFieldCount);
            }
            else if (constraint[0].Length == 0)
            {
                errors.Add(path, ConstraintIllegal);
            }
            else if (!Operators.Contains(constraint[1]))
            {
                errors.Add(path, ConstraintOperatorInvalid);
            }
            else if (options.ConstraintCheck?.Invoke(constraint) is { } problem)
            {
                errors.Add(path, problem);
            }
        }
    }

    private static void ValidateResources(AppDefinition app, AppParseOptions options, ErrorCollector errors)
    {
        if (app.Gpus <= 0)
        {
            return;
        }

        if (app.Container?.Type == ContainerType.Docker)
        {
            errors.Add("/", "GPU resources only work with the Mesos containerizer");
        }

        if (!options.EnabledFeatures.Contains("gpu_resources"))
        {
            errors.Add("/", "Feature gpu_resources is not enabled. Enable with --enable_features gpu_resources)");
        }
    }

    private static void ValidateRoles(AppDefinition app, AppParseOptions options, ErrorCollector errors)
    {
        var validRoles = options.EffectiveValidRoles;
        if (!validRoles.Contains(app.Role))
        {
            errors.Add("/role", $"got {app.Role}, expected one of: [{string.Join(", ", validRoles.Order(StringComparer.Ordinal))}]");
        }

        if (app.AcceptedResourceRoles is not { } accepted)
        {
            return;
        }

        if (accepted.IsEmpty)
        {
            errors.Add("/acceptedResourceRoles", "must not be empty");
            return;
        }

        for (var i = 0; i < accepted.Count; i++)
        {
            if (ResourceRoleProblem(accepted[i]) is { } problem)
            {
                errors.Add($"/acceptedResourceRoles({i})", problem);
            }
        }

        var allowed = new SortedSet<string>(StringComparer.Ordinal) { "*", app.Role };
        if (!accepted.All(allowed.Contains))
        {
            errors.Add("/acceptedResourceRoles", $"acceptedResourceRoles can only contain {string.Join(" and ", allowed)}");
        }
    }

    private static string? ResourceRoleProblem(string role)
    {
        if (role is "" or "." or "..")
        {
            return $"A role name must not be \"{role}\".";
        }

        if (role.StartsWith('-'))
        {
            return "A role name must not start with a '-'.";
        }

        foreach (var c in role)
        {
            var name = c switch
            {
                '\t' => "horizontal tab (\\x09)",
                '\n' => "line feed (\\x0a)",
                '\v' => "vertical tab (\\x0b)",
                '\f' => "form feed (\\x0c)",
                '\r' => "carriage return (\\x0d)",
                ' ' => "space (\\x20)",
                '/' => "slash (\\x2f)",
                '\x7f' => "backspace (\\x7f)",
                _ => null,
            };
            if (name is not null)
            {
                return $"A role name must not include a {name} character.";
            }
        }

        return null;
    }

    /// <summary>A double as the JVM prints it in Marathon's messages (<c>1.0</c>, <c>0.5</c>).</summary>
    public static string ScalaDouble(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e7
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}
