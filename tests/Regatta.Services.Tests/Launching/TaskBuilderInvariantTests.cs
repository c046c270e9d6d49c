using System.Globalization;
using Regatta.Protocol;
using Regatta.Resources;
using Regatta.Services.Launching;
using static Regatta.Services.Tests.Launching.LaunchingFixtures;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Tests.Launching;

/// <summary>Randomly shaped apps (seeded): whatever the networking and ports, the built task is consistent.</summary>
public sealed class TaskBuilderInvariantTests
{
    private static readonly string[] Protocols = ["tcp", "udp", "udp,tcp"];

    [Fact]
    public void Build_RandomApps_PortsAgreeEverywhereAndWireFormIsComplete()
    {
        for (var seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var app = App(RandomAppJson(random));
            var task = TaskBuilder.Build(app, Match(app), $"app.{seed}");
            try
            {
                CheckInvariants(task);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"seed {seed}: {MesosJsonOf(task)}", e);
            }
        }
    }

    private static void CheckInvariants(V1.TaskInfo task)
    {
        // Every required field is set: both wire forms decode again, to an equal message.
        Assert.Equal(task, MesosJson.Parse<V1.TaskInfo>(MesosJsonOf(task)));
        Assert.Equal(task, MesosProtobuf.Decode<V1.TaskInfo>(MesosProtobuf.Encode(task)));

        var held = ResourceWire.FromProto(task.Resources).Ranges("ports");
        var env = task.Command.Environment.Variables.ToDictionary(v => v.Name, v => v.Value);
        var hostPorts = env.TryGetValue("PORTS", out var text) && text.Length > 0
            ? text.Split(',').Select(p => ulong.Parse(p, CultureInfo.InvariantCulture)).ToList()
            : [];

        foreach (var mapping in task.Container?.Docker?.PortMappings ?? [])
        {
            Assert.True(held.Contains(mapping.HostPort), $"docker host port {mapping.HostPort} not held");
            Assert.NotEqual(0u, mapping.ContainerPort);
        }

        foreach (var port in task.Discovery.Ports.Ports_)
        {
            var scope = port.Labels?.Labels_.FirstOrDefault(l => l.Key == "network-scope")?.Value;
            if (scope != "container")
            {
                Assert.True(held.Contains(port.Number), $"discovery port {port.Number} not held");
            }

            Assert.Contains(port.Protocol, new[] { "tcp", "udp" });
        }

        // Every held port is announced in PORTS, exactly once. (PORTS may also list the container ports of
        // container-only mappings: Placement's TaskEnvironment does, Marathon does not.)
        Assert.Equal(held.ValueCount, (ulong)hostPorts.Count(held.Contains));
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    private static string RandomAppJson(Random random)
    {
        var count = random.Next(0, 4);
        var protocol = () => Protocols[random.Next(Protocols.Length)];
        switch (random.Next(3))
        {
            case 0:
                var definitions = Enumerable.Range(0, count)
                    .Select(i => $$"""{"port":{{10000 + i}},"protocol":"{{protocol()}}","name":"p{{i}}"}""");
                return $$"""{"id":"/r/host","cmd":"run","portDefinitions":[{{string.Join(",", definitions)}}]}""";
            case 1:
                var bridged = Enumerable.Range(0, count)
                    .Select(i => $$"""{"containerPort":{{(random.Next(2) == 0 ? 0 : 8000 + i)}},"hostPort":0,"protocol":"{{protocol()}}"}""");
                return $$$"""
                    {"id":"/r/bridge","networks":[{"mode":"container/bridge"}],
                     "container":{"type":"{{{(random.Next(2) == 0 ? "DOCKER" : "MESOS")}}}","docker":{"image":"nginx"},
                       "portMappings":[{{{string.Join(",", bridged)}}}]}}
                    """;
            default:
                var mapped = Enumerable.Range(0, count)
                    .Select(i => random.Next(2) == 0
                        ? $$"""{"containerPort":{{9000 + i}},"protocol":"{{protocol()}}"}"""
                        : $$"""{"containerPort":{{9000 + i}},"hostPort":0,"protocol":"{{protocol()}}"}""");
                return $$$"""
                    {"id":"/r/overlay","cmd":"run","networks":[{"mode":"container","name":"overlay"}],
                     "container":{"type":"DOCKER","docker":{"image":"nginx"},"portMappings":[{{{string.Join(",", mapped)}}}]}}
                    """;
        }
    }
}
