namespace Regatta.Agent.Isolation;

/// <summary>Which cgroup interface the isolator drives: per-controller v1 hierarchies or the v2 unified one.</summary>
internal enum CgroupVersion
{
    V1,
    V2,
}
