using System.Text.Json.Nodes;

namespace Regatta.Services.Tests.Model;

/// <summary>Seeded random app bodies in the 1.5+ form, mostly valid, covering the model's fields.</summary>
internal static class RandomApps
{
    private static readonly string[] Words = ["web", "api", "db", "a1", "x-y", "eu.west", "0"];
    private static readonly string[] Texts = ["", "plain", "with space", "quote\"s", "amp&er<sand>", "ünïcødé ✓", "tab\tnew\nline", "\\back"];

    /// <summary>Runs <paramref name="check"/> for consecutive seeds, naming the seed of a failure.</summary>
    public static void ForSeeds(int count, Action<Random> check)
    {
        for (var seed = 1; seed <= count; seed++)
        {
            try
            {
                check(new Random(seed));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"failed with seed {seed}: {e.Message}", e);
            }
        }
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static JsonObject App(Random r)
    {
        var app = new JsonObject { ["id"] = "/" + string.Join('/', Enumerable.Range(0, r.Next(1, 4)).Select(_ => Pick(r, Words))) };
        var mode = r.Next(3);
        var portNames = new List<string>();
        if (r.Next(2) == 0)
        {
            app["cmd"] = "run " + Pick(r, Texts);
        }
        else
        {
            app["args"] = new JsonArray("run", Pick(r, Texts));
        }

        Maybe(r, app, "cpus", () => Math.Round(r.NextDouble() * 4 + 0.01, 3));
        Maybe(r, app, "mem", () => r.Next(0, 4096));
        Maybe(r, app, "disk", () => r.NextDouble() * 100);
        Maybe(r, app, "instances", () => r.Next(0, 10));
        Maybe(r, app, "user", () => Pick(r, Texts));
        Maybe(r, app, "env", () => Map(r));
        Maybe(r, app, "labels", () => Map(r));
        Maybe(r, app, "backoffSeconds", () => r.Next(0, 100));
        Maybe(r, app, "backoffFactor", () => 1 + Math.Round(r.NextDouble(), 2));
        Maybe(r, app, "maxLaunchDelaySeconds", () => r.Next(0, 3600));
        Maybe(r, app, "killSelection", () => r.Next(2) == 0 ? "YOUNGEST_FIRST" : "OLDEST_FIRST");
        Maybe(r, app, "taskKillGracePeriodSeconds", () => r.Next(0, 60));
        Maybe(r, app, "deploymentTimeoutSeconds", () => r.Next(0, 3600));
        Maybe(r, app, "upgradeStrategy", () => new JsonObject { ["minimumHealthCapacity"] = r.Next(0, 3) / 2.0, ["maximumOverCapacity"] = r.Next(0, 5) / 4.0 });
        Maybe(r, app, "unreachableStrategy", () => r.Next(3) == 0 ? "disabled" : new JsonObject { ["inactiveAfterSeconds"] = r.Next(0, 60), ["expungeAfterSeconds"] = r.Next(60, 600) });
        Maybe(r, app, "constraints", () => new JsonArray(new JsonArray("hostname", "unique"), new JsonArray("rack", "GROUP_BY", "2")));
        Maybe(r, app, "dependencies", () => new JsonArray("../" + Pick(r, Words), "/" + Pick(r, Words)));
        Maybe(r, app, "fetch", () => new JsonArray(new JsonObject { ["uri"] = "https://example.com/" + Pick(r, Words) + ".tgz", ["cache"] = r.Next(2) == 0, ["destPath"] = "f" }));
        Maybe(r, app, "acceptedResourceRoles", () => new JsonArray("*"));
        Maybe(r, app, "requirePorts", () => r.Next(2) == 0);

        var ports = new JsonArray();
        for (var i = r.Next(0, 4); i > 0; i--)
        {
            var port = new JsonObject();
            if (r.Next(2) == 0)
            {
                var name = "p" + portNames.Count;
                portNames.Add(name);
                port["name"] = name;
            }

            port[mode == 0 ? "port" : "containerPort"] = r.Next(2) == 0 ? 0 : r.Next(1, 65535);
            if (mode != 0 && r.Next(2) == 0)
            {
                port["hostPort"] = r.Next(0, 100);
            }

            Maybe(r, port, "protocol", () => Pick(r, ["tcp", "udp", "udp,tcp"]));
            Maybe(r, port, "labels", () => Map(r));
            ports.Add(port);
        }

        var container = new JsonObject { ["type"] = r.Next(2) == 0 ? "DOCKER" : "MESOS" };
        if (r.Next(3) > 0)
        {
            container["docker"] = new JsonObject { ["image"] = "img:" + r.Next(9), ["forcePullImage"] = r.Next(2) == 0 };
        }

        Maybe(r, container, "volumes", () => new JsonArray(new JsonObject { ["containerPath"] = "/d", ["hostPath"] = "/h", ["mode"] = r.Next(2) == 0 ? "RO" : "RW" }));
        switch (mode)
        {
            case 0:
                app["portDefinitions"] = ports;
                if (r.Next(2) == 0)
                {
                    app["container"] = container;
                }

                break;
            default:
                app["networks"] = new JsonArray(mode == 1 ? new JsonObject { ["mode"] = "container/bridge" } : new JsonObject { ["mode"] = "container", ["name"] = "net-" + r.Next(3) });
                container["portMappings"] = ports;
                app["container"] = container;
                break;
        }

        if (r.Next(2) == 0)
        {
            app["healthChecks"] = new JsonArray(r.Next(3) switch
            {
                0 => new JsonObject { ["protocol"] = "COMMAND", ["command"] = new JsonObject { ["value"] = "true" } },
                1 => new JsonObject { ["protocol"] = "TCP", ["port"] = 8080, ["delaySeconds"] = r.Next(0, 30) },
                _ => new JsonObject { ["protocol"] = Pick(r, ["HTTP", "HTTPS", "MESOS_HTTP"]), ["path"] = "/h", ["ignoreHttp1xx"] = r.Next(2) == 0 },
            });
        }

        if (portNames.Count > 0 && r.Next(2) == 0)
        {
            app["readinessChecks"] = new JsonArray(new JsonObject { ["portName"] = portNames[0], ["httpStatusCodesForReady"] = new JsonArray(200, 204) });
        }

        return app;
    }

    private static JsonObject Map(Random r)
    {
        var map = new JsonObject();
        for (var i = r.Next(0, 4); i > 0; i--)
        {
            map[Pick(r, Texts) + i] = Pick(r, Texts);
        }

        return map;
    }

    private static void Maybe(Random r, JsonObject o, string name, Func<JsonNode?> value)
    {
        if (r.Next(2) == 0)
        {
            o[name] = value();
        }
    }
}
