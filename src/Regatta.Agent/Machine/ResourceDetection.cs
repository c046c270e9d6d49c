using System.Globalization;
using Regatta.Resources;

namespace Regatta.Agent.Machine;

/// <summary>
/// Mesos's auto-detection for resources <c>--resources</c> leaves out (<c>src/slave/containerizer/containerizer.cpp</c>):
/// cpus = cores; mem = total − 1 GB when total ≥ 2 GB, else half; disk = work_dir filesystem − 5 GB when ≥ 10 GB,
/// else half; ports = [31000-32000]. Detected resources get the default role. Pure.
/// </summary>
internal static class ResourceDetection
{
    private const long MemoryReserveMb = 1024;
    private const long DiskReserveMb = 5 * 1024;
    private const double FallbackCpus = 1;
    private const long FallbackMemoryMb = 1024;
    private const long FallbackDiskMb = 10 * 1024;

    public static ResourceSet Complete(ResourceSet given, MachineFacts facts, string defaultRole)
    {
        var present = given.Names.ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        if (!present.Contains("cpus"))
        {
            missing.Add("cpus:" + Number(facts.Cpus is > 0 ? facts.Cpus.Value : FallbackCpus));
        }

        if (!present.Contains("mem"))
        {
            missing.Add("mem:" + Number(DetectMemoryMb(facts.MemoryTotalMb)));
        }

        if (!present.Contains("disk"))
        {
            missing.Add("disk:" + Number(DetectDiskMb(facts.WorkDirDiskTotalMb)));
        }

        if (!present.Contains("ports"))
        {
            missing.Add("ports:[31000-32000]");
        }

        return missing.Count == 0 ? given : given + ResourceText.Parse(string.Join(";", missing), defaultRole);
    }

    internal static long DetectMemoryMb(long? totalMb) => totalMb switch
    {
        null or <= 0 => FallbackMemoryMb,
        >= 2 * MemoryReserveMb => totalMb.Value - MemoryReserveMb,
        _ => totalMb.Value / 2,
    };

    internal static long DetectDiskMb(long? totalMb) => totalMb switch
    {
        null or <= 0 => FallbackDiskMb,
        >= 2 * DiskReserveMb => totalMb.Value - DiskReserveMb,
        _ => totalMb.Value / 2,
    };

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
