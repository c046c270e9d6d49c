namespace Regatta.Agent.Posix;

/// <summary>One line of the process table: ids from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal readonly record struct ProcessEntry(int Pid, int ParentPid, int ProcessGroup, int Session);
