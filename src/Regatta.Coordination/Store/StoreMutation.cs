namespace Regatta.Coordination.Store;

/// <summary>Sets <paramref name="Key"/> to <paramref name="Value"/>, or deletes it when the value is null.</summary>
public sealed record StoreMutation(string Key, byte[]? Value)
{
    public static StoreMutation Put(string key, byte[] value) => new(key, value);

    public static StoreMutation Delete(string key) => new(key, null);
}
