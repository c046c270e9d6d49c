using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// The <c>DiscoveryInfo</c> Marathon attaches to every app task, which Mesos-DNS (SRV records) and other tools read:
/// visibility FRAMEWORK, the app id as a DNS-style name, and one <c>Port</c> per app port and protocol.
/// </summary>
internal static class TaskDiscoveryBuilder
{
    public const string NetworkScopeLabel = "network-scope";
    public const string NetworkNameLabel = "network-name";
    public const string HostScope = "host";
    public const string ContainerScope = "container";

    public static V1.DiscoveryInfo Build(AppDefinition app, IReadOnlyList<TaskPort> ports)
    {
        var discovery = new V1.DiscoveryInfo
        {
            Visibility = V1.DiscoveryInfo.Types.Visibility.Framework,
            Name = TaskBuilder.TaskName(app.Id),
            Ports = new V1.Ports(),
        };

        foreach (var port in ports)
        {
            foreach (var protocol in port.Protocols)
            {
                if (!app.HasContainerNetworking)
                {
                    // Host networking: the scope is implicitly "host", so no label is added.
                    discovery.Ports.Ports_.Add(ToPort(port, protocol, port.HostPort!.Value, port.Labels));
                }
                else if (port.HostPort is { } hostPort)
                {
                    // A host port is what outside clients reach, so it wins over the container port.
                    discovery.Ports.Ports_.Add(ToPort(port, protocol, hostPort, With(port.Labels, (NetworkScopeLabel, HostScope))));
                }
                else
                {
                    foreach (var network in NetworksOf(app, port))
                    {
                        var labels = network is null
                            ? With(port.Labels, (NetworkScopeLabel, ContainerScope))
                            : With(port.Labels, (NetworkScopeLabel, ContainerScope), (NetworkNameLabel, network));
                        discovery.Ports.Ports_.Add(ToPort(port, protocol, port.ContainerPort ?? 0, labels));
                    }
                }
            }
        }

        return discovery;
    }

    /// <summary>The container networks a container-only port is reachable on: its own list, else every one.</summary>
    private static IEnumerable<string?> NetworksOf(AppDefinition app, TaskPort port) =>
        !port.NetworkNames.IsEmpty
            ? port.NetworkNames
            : app.Networks.Where(n => n.Mode == NetworkMode.Container).Select(n => n.Name);

    private static V1.Port ToPort(TaskPort port, string protocol, int number, IReadOnlyCollection<KeyValuePair<string, string>> labels)
    {
        var message = new V1.Port { Number = (uint)number, Protocol = protocol };
        if (port.Name is { } name)
        {
            message.Name = name;
        }

        if (labels.Count > 0)
        {
            message.Labels = TaskLabels.ToProto(labels);
        }

        return message;
    }

    /// <summary>The port's own labels, then the scope labels (which replace a user label of the same key).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> With(ValueMap labels, params (string Key, string Value)[] extra)
    {
        var list = labels.Where(l => !extra.Any(e => e.Key == l.Key)).ToList();
        list.AddRange(extra.Select(e => KeyValuePair.Create(e.Key, e.Value)));
        return list;
    }
}
