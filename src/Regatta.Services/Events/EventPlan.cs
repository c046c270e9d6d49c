using System.Text.Json;
using Regatta.Services.Deployments;

namespace Regatta.Services.Events;

/// <summary>
/// A deployment plan as the deployment events carry it: <c>{"id", "steps":[{"actions":[{"action","app"}]}], "version"}</c>
/// (light), plus the <c>original</c> and <c>target</c> root groups in the full format. The groups are JSON the group
/// layer rendered; when it gave none, the full format writes the light object.
/// </summary>
internal sealed record EventPlan(string Id, string Version, IReadOnlyList<DeploymentStep> Steps)
{
    /// <summary>The root group before the deployment (full format only).</summary>
    public JsonElement? OriginalGroup { get; init; }

    /// <summary>The root group the deployment leads to (full format only).</summary>
    public JsonElement? TargetGroup { get; init; }

    public static EventPlan From(DeploymentPlan plan, JsonElement? originalGroup = null, JsonElement? targetGroup = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new EventPlan(plan.Id, plan.Version, plan.Steps) { OriginalGroup = originalGroup, TargetGroup = targetGroup };
    }

    public void Write(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        if (format == PlanFormat.Full)
        {
            if (OriginalGroup is { } original)
            {
                writer.WritePropertyName("original");
                original.WriteTo(writer);
            }

            if (TargetGroup is { } target)
            {
                writer.WritePropertyName("target");
                target.WriteTo(writer);
            }
        }

        writer.WriteStartArray("steps");
        foreach (var step in Steps)
        {
            WriteStep(writer, step);
        }

        writer.WriteEndArray();
        writer.WriteString("version", Version);
        writer.WriteEndObject();
    }

    /// <summary>A step: <c>{"actions":[{"action":"ScaleApplication","app":"/x"}]}</c>.</summary>
    public static void WriteStep(Utf8JsonWriter writer, DeploymentStep step)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(step);
        writer.WriteStartObject();
        writer.WriteStartArray("actions");
        foreach (var action in step.Actions)
        {
            writer.WriteStartObject();
            writer.WriteString("action", action.Name);
            writer.WriteString("app", action.AppId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
