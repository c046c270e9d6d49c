namespace Regatta.Resources;

/// <summary>Role name rules of Mesos (<c>src/common/roles.cpp</c>), including hierarchical names such as <c>eng/backend</c>.</summary>
public static class RoleName
{
    /// <summary>The role of unreserved resources and of frameworks that name no role.</summary>
    public const string Unreserved = "*";

    public static bool IsValid(string? role) => Check(role) is null;

    /// <summary>Returns null when <paramref name="role"/> is valid, otherwise the rule it breaks.</summary>
    public static string? Check(string? role)
    {
        if (string.IsNullOrEmpty(role))
        {
            return "role must not be empty";
        }

        if (role == Unreserved)
        {
            return null;
        }

        if (role.StartsWith('/') || role.EndsWith('/'))
        {
            return $"role '{role}' must not start or end with '/'";
        }

        foreach (var component in role.Split('/'))
        {
            if (component.Length == 0)
            {
                return $"role '{role}' must not contain '//'";
            }

            if (component is "." or ".." or "*")
            {
                return $"role '{role}' must not have a path component '{component}'";
            }

            if (component[0] == '-')
            {
                return $"role '{role}' must not have a path component starting with '-'";
            }

            foreach (var c in component)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return $"role '{role}' must not contain whitespace or control characters";
                }
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when the role is invalid.</summary>
    public static void Validate(string? role)
    {
        var problem = Check(role);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(role));
        }
    }
}
