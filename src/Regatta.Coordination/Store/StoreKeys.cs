namespace Regatta.Coordination.Store;

/// <summary>Argument checks shared by the store implementations so that both reject the same input.</summary>
internal static class StoreKeys
{
    public static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("store key must not be empty", nameof(key));
        }
    }

    public static void ValidateBatch(IReadOnlyList<StoreMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        foreach (var mutation in mutations)
        {
            ArgumentNullException.ThrowIfNull(mutation, nameof(mutations));
            ValidateKey(mutation.Key);
        }
    }
}
