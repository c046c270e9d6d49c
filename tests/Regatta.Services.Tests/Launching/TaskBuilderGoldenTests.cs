using Regatta.Services.Launching;
using Regatta.Services.Tests.Support;
using static Regatta.Services.Tests.Launching.LaunchingFixtures;

namespace Regatta.Services.Tests.Launching;

/// <summary>Whole TaskInfos in Mesos's JSON mapping against golden files: what the master receives on ACCEPT.</summary>
public sealed class TaskBuilderGoldenTests
{
    [Fact]
    public void Build_CmdAppOnHostNetworkingWithTwoPorts_MatchesGolden()
    {
        var app = App("""
            {
              "id": "/prod/web",
              "cmd": "python3 -m http.server $PORT0",
              "cpus": 0.5, "mem": 64, "disk": 10,
              "user": "nobody",
              "env": {"LOG_LEVEL": "debug"},
              "labels": {"HAPROXY_GROUP": "external", "owner": "web-team"},
              "portDefinitions": [
                {"port": 10000, "name": "http", "labels": {"VIP_0": "/web:80"}},
                {"port": 10001, "name": "admin", "protocol": "udp,tcp"}
              ],
              "fetch": [
                {"uri": "https://example.com/site.tgz"},
                {"uri": "https://example.com/run.sh", "executable": true, "extract": false, "destPath": "run"}
              ]
            }
            """);

        var task = TaskBuilder.Build(app, Match(app), "prod_web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002");

        Golden.Launching.AssertMatches("cmd-host-two-ports.taskinfo.json", MesosJsonOf(task));
    }

    [Fact]
    public void Build_DockerBridgeAppWithDynamicHostPorts_MatchesGolden()
    {
        var app = App("""
            {
              "id": "/shop/api",
              "cpus": 0.25, "mem": 128,
              "networks": [{"mode": "container/bridge"}],
              "container": {
                "type": "DOCKER",
                "docker": {
                  "image": "nginx:1.25",
                  "forcePullImage": true,
                  "parameters": [{"key": "log-driver", "value": "none"}, {"key": "label", "value": "team=shop"}]
                },
                "volumes": [
                  {"containerPath": "/data", "hostPath": "/srv/data", "mode": "RW"},
                  {"containerPath": "/etc/nginx/conf.d", "hostPath": "/srv/nginx", "mode": "RO"}
                ],
                "portMappings": [
                  {"containerPort": 80, "hostPort": 0, "servicePort": 10010, "name": "http", "labels": {"VIP_0": "/api:80"}},
                  {"containerPort": 0, "hostPort": 0, "servicePort": 10011, "name": "metrics"},
                  {"containerPort": 8443, "hostPort": 31050, "servicePort": 10012, "protocol": "tcp"}
                ]
              },
              "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0}]
            }
            """);

        var task = TaskBuilder.Build(app, Match(app), "shop_api.0b6e7a52-9d1f-4c3b-8a51-7c2f0e9d4a10");

        Golden.Launching.AssertMatches("docker-bridge.taskinfo.json", MesosJsonOf(task));
    }

    [Fact]
    public void Build_MesosHttpHealthCheckAndKillGraceOnReservedOffer_MatchesGolden()
    {
        var app = App("""
            {
              "id": "/checked",
              "cmd": "./serve --port $PORT0",
              "cpus": 1, "mem": 256,
              "role": "prod",
              "acceptedResourceRoles": ["prod", "*"],
              "portDefinitions": [{"port": 10020, "name": "http"}],
              "taskKillGracePeriodSeconds": 30,
              "healthChecks": [
                {"protocol": "HTTP", "path": "/ping", "portIndex": 0},
                {"protocol": "MESOS_HTTP", "path": "/health", "portIndex": 0, "gracePeriodSeconds": 30,
                 "intervalSeconds": 10, "timeoutSeconds": 5, "maxConsecutiveFailures": 2, "delaySeconds": 3}
              ]
            }
            """);
        var offer = Offer("cpus(prod):0.5;cpus:4;mem(prod):1024;mem:1024;ports:[31000-31010]", allocationRole: "prod");

        var task = TaskBuilder.Build(app, Match(app, offer), "checked.3a1d4c2e-5b6f-4a7b-9c8d-0e1f2a3b4c5d");

        Golden.Launching.AssertMatches("mesos-http-check.taskinfo.json", MesosJsonOf(task));
    }

    [Fact]
    public void Build_ArgsOnlyAppWithoutPorts_MatchesGolden()
    {
        var app = App("""
            {
              "id": "/batch/worker",
              "args": ["/usr/bin/worker", "--queue", "jobs"],
              "cpus": 0.1, "mem": 32,
              "portDefinitions": []
            }
            """);

        var task = TaskBuilder.Build(app, Match(app), "batch_worker.9e8d7c6b-5a49-4838-a726-150f4e3d2c1b");

        Golden.Launching.AssertMatches("args-only.taskinfo.json", MesosJsonOf(task));
    }
}
