using Google.Protobuf.Reflection;
using Regatta.Protocol.Agent;
using MasterApi = Regatta.Protocol.V1.Master;
using SchedulerApi = Regatta.Protocol.V1.Scheduler;

namespace Regatta.Protocol.Tests.Support;

/// <summary>Golden JSON files under Fixtures/; the file name prefix says which message type it holds.</summary>
internal static class Fixtures
{
    private static readonly (string Prefix, MessageDescriptor Descriptor)[] Kinds =
    [
        ("scheduler-call-", SchedulerApi.Call.Descriptor),
        ("scheduler-event-", SchedulerApi.Event.Descriptor),
        ("operator-call-", MasterApi.Call.Descriptor),
        ("operator-response-", MasterApi.Response.Descriptor),
        ("operator-event-", MasterApi.Event.Descriptor),
        ("agent-frame-", AgentFrame.Descriptor),
        ("master-frame-", MasterFrame.Descriptor),
    ];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static MessageDescriptor DescriptorFor(string name) =>
        Kinds.First(k => name.StartsWith(k.Prefix, StringComparison.Ordinal)).Descriptor;
}
