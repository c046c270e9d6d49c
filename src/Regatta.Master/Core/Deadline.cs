namespace Regatta.Master.Core;

/// <summary>A timer entry. Entries are never removed early: a stale one is recognised by its generation and skipped.</summary>
internal readonly record struct Deadline(DeadlineKind Kind, string Id, long Generation);
