using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

/// <summary>One rule at a time: the body, and the "path: message" it must produce among its errors.</summary>
public sealed class AppValidatorTests
{
    [Theory]
    [InlineData("""{"id":"/x","cmd":"s"}""", "/: must not be an empty string")]
    [InlineData("""{"id":"/x"}""", "/: " + AppValidator.CmdArgsOrContainer)]
    [InlineData("""{"id":"/x","cmd":"","args":[]}""", "/cmd: error.minLength")]
    [InlineData("""{"id":"/x","container":{"type":"DOCKER"}}""", "/container/docker: must not be empty")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"port":80},{"port":80}]}""", "/portDefinitions: Ports must be unique.")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"name":"http"},{"name":"http"}]}""", "/portDefinitions: Port names must be unique.")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"name":"HTTP"}]}""", "/portDefinitions(0)/name: error.pattern")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"port":70000}]}""", "/portDefinitions(0)/port: error.max")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container/bridge"}],"container":{"type":"MESOS","portMappings":[{"name":"a"},{"name":"a"}]}}""", "/container/portMappings: Port names must be unique.")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container","name":"a"}],"container":{"type":"MESOS","portMappings":[{"networkNames":["b"]}]}}""", "/container/portMappings(0)/networkNames(0): got b, expected one of: [a]")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container","name":"a"},{"mode":"container","name":"b"}],"container":{"type":"MESOS","portMappings":[{"hostPort":0}]}}""", "/container/portMappings(0): " + AppValidator.NetworkNamesForHostPort)]
    [InlineData("""{"id":"/x","networks":[{"mode":"container","name":"a"},{"mode":"container","name":"b"}],"container":{"docker":{"image":"i"},"portMappings":[]}}""", "/: " + AppValidator.DockerSingleContainerNetwork)]
    [InlineData("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container","name":"a"},{"mode":"container","name":"a"}]}""", "/networks: Duplicate networks are not allowed")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container"}]}""", "/networks: " + AppValidator.NetworkNameRequired)]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[],"healthChecks":[{"protocol":"HTTP"}]}""", "/healthChecks(0): " + AppValidator.HealthPortIndex)]
    [InlineData("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"protocol":"COMMAND"}]}""", "/healthChecks(0)/command: COMMAND health checks need a command")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"protocol":"HTTP","command":{"value":"true"}}]}""", "/healthChecks(0): illegal protocol HTTP specified with command")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"protocol":"HTTP","ipProtocol":"IPv6"}]}""", "/healthChecks(0): " + AppValidator.HealthIpProtocol)]
    [InlineData("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"gracePeriodSeconds":-1}]}""", "/healthChecks(0)/gracePeriodSeconds: error.min")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","instances":2,"labels":{"MARATHON_SINGLE_INSTANCE_APP":"true"}}""", "/: Single instance app may only have one instance")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","labels":{"MARATHON_SINGLE_INSTANCE_APP":"true"}}""", "/upgradeStrategy/minimumHealthCapacity: got 1.0, expected 0.0")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","backoffFactor":0.5}""", "/backoffFactor: error.min")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","gpus":1}""", "/: Feature gpu_resources is not enabled. Enable with --enable_features gpu_resources)")]
    [InlineData("""{"id":"/x","gpus":1,"container":{"docker":{"image":"i"}}}""", "/: GPU resources only work with the Mesos containerizer")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","acceptedResourceRoles":[]}""", "/acceptedResourceRoles: must not be empty")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","acceptedResourceRoles":["slave_public"]}""", "/acceptedResourceRoles: acceptedResourceRoles can only contain *")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","acceptedResourceRoles":["a b"]}""", "/acceptedResourceRoles(0): A role name must not include a space (\\x20) character.")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","role":"slave_public"}""", "/role: got slave_public, expected one of: [*]")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","fetch":[{"uri":"http://a b"}]}""", "/fetch(0)/uri: URI has invalid syntax.")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","executor":"a//b"}""", "/executor: error.pattern")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","secrets":{"s":{"source":"x"}}}""", "/secrets: secrets are not supported: Regatta has no secret store")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i","pullConfig":{"secret":"s"}}}}""", "/container/docker/pullConfig: secrets are not supported: Regatta has no secret store")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i"},"volumes":[{"containerPath":"data","persistent":{"size":10}}]}}""", "/container/volumes(0): persistent volumes are not supported: only host volumes (containerPath, hostPath, mode)")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","version":"yesterday"}""", "/version: error.expected.date.isoformat")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","deploymentTimeoutSeconds":-5}""", "/deploymentTimeoutSeconds: error.min")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","env":{"":"x"}}""", "/env: must not be empty")]
    public void ParseCreate_BrokenRule_ReportsMarathonMessage(string json, string expected) =>
        Assert.Contains(expected, Apps.ErrorLines(json));

    [Theory]
    [InlineData("""{"id":"/x","args":["sleep","1"]}""")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"nginx"}}}""")]
    [InlineData("""{"id":"/x","container":{"type":"MESOS"}}""")]
    [InlineData("""{"id":"/x","cmd":"echo hi","container":{"docker":{"image":"nginx"}}}""")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"protocol":"MESOS_TCP","port":9000},{"protocol":"COMMAND","command":{"value":"a"}},{"protocol":"COMMAND","command":{"value":"b"}}]}""")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"port":0},{"port":0}]}""")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","instances":1,"labels":{"MARATHON_SINGLE_INSTANCE_APP":"true"},"upgradeStrategy":{"minimumHealthCapacity":0,"maximumOverCapacity":0}}""")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","executor":"//cmd"}""")]
    [InlineData("""{"id":"/x","cmd":"sleep 1","executor":"/usr/libexec/mesos/executor"}""")]
    [InlineData("""{"id":"/x","networks":[{"mode":"container","name":"a"}],"container":{"docker":{"image":"i"},"portMappings":[{"containerPort":80,"hostPort":0,"networkNames":["a"]}]}}""")]
    public void ParseCreate_ValidApp_Accepted(string json) => Apps.Parse(json);

    [Fact]
    public void ParseCreate_ConstraintCheckHook_ReportsAtConstraintPath()
    {
        var options = AppParseOptions.Default with
        {
            ConstraintCheck = c => c[1] == "MAX_PER" && c.Count == 2 ? "MAX_PER requires an integer value" : null,
        };

        var lines = Apps.ErrorLines("""{"id":"/x","cmd":"sleep 1","constraints":[["a","UNIQUE"],["b","max_per"]]}""", options);

        Assert.Equal(["/constraints(1): MAX_PER requires an integer value"], lines);
    }

    [Fact]
    public void ParseCreate_GpusWithFeatureEnabled_Accepted()
    {
        var options = AppParseOptions.Default with { EnabledFeatures = new HashSet<string> { "gpu_resources" } };

        Assert.Equal(2, Apps.Parse("""{"id":"/x","cmd":"sleep 1","gpus":2}""", options).Gpus);
    }
}
