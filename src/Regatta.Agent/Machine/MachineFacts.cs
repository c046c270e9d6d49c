namespace Regatta.Agent.Machine;

/// <summary>What the agent found out about its host; null where it could not tell.</summary>
internal sealed record MachineFacts(int? Cpus, long? MemoryTotalMb, long? WorkDirDiskTotalMb);
