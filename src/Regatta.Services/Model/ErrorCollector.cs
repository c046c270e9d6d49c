namespace Regatta.Services.Model;

/// <summary>Gathers errors, grouped per path in order of first appearance, each message once per path.</summary>
internal sealed class ErrorCollector
{
    private readonly List<(string Path, List<string> Errors)> entries = [];

    public bool IsEmpty => entries.Count == 0;

    /// <summary>Adds one error; an empty path means the whole object (<c>/</c>).</summary>
    public void Add(string path, string error)
    {
        var key = path.Length == 0 ? "/" : path;
        foreach (var (existingPath, errors) in entries)
        {
            if (existingPath == key)
            {
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }

                return;
            }
        }

        entries.Add((key, [error]));
    }

    public void AddAll(ErrorCollector other)
    {
        foreach (var (path, errors) in other.entries)
        {
            foreach (var error in errors)
            {
                Add(path, error);
            }
        }
    }

    public ValueArray<ValidationError> ToErrors() =>
        new(entries.Select(e => new ValidationError(e.Path, new ValueArray<string>(e.Errors))));
}
