namespace Regatta.Agent.Posix;

/// <summary>A local account a task can run as.</summary>
internal sealed record UserAccount(string Name, uint Uid, uint Gid, string Home);
