using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Regatta.Services.Core;
using Regatta.Services.Hosting;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>Writing Marathon's responses: JSON bodies, <c>{"message"}</c> errors, deployment answers and their header.</summary>
internal static class HttpReplies
{
    public const string DeploymentHeader = "Marathon-Deployment-Id";

    /// <summary>Request bodies beyond this are refused (413) before they are parsed.</summary>
    public const int MaxBodyBytes = 4 << 20;

    public static async Task JsonAsync(HttpContext context, int status, string body, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }

    public static Task MessageAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
        }));

    public static Task ErrorAsync(HttpContext context, ApiError error) =>
        JsonAsync(context, error.Status, error.Body ?? ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("message", error.Message);
            if (error.Deployments.Count > 0)
            {
                w.WriteStartArray("deployments");
                foreach (var id in error.Deployments)
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }));

    public static Task InputErrorAsync(HttpContext context, AppInputError error) => JsonAsync(context, error.StatusCode, error.ToJson());

    /// <summary><c>{"deploymentId","version"}</c> with the deployment header.</summary>
    public static Task DeploymentAsync(HttpContext context, DeploymentRef deployment, int status = 200)
    {
        context.Response.Headers[DeploymentHeader] = deployment.DeploymentId;
        return JsonAsync(context, status, ServicesJson.Render(w => ServicesJson.WriteDeploymentRef(w, deployment)));
    }

    /// <summary>The deployment or the error; nothing when the answer has already been sent (the store's 503 from <see cref="OnLoopAsync"/>).</summary>
    public static async Task OutcomeAsync(HttpContext context, Outcome<DeploymentRef> outcome, int status = 200)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        if (outcome.IsSuccess)
        {
            await DeploymentAsync(context, outcome.Value!, status).ConfigureAwait(false);
        }
        else
        {
            await ErrorAsync(context, outcome.Error!).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the body, bounded; null (after answering 413) when it is too large.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                await MessageAsync(context, 413, $"Request body larger than {MaxBodyBytes} bytes").ConfigureAwait(false);
                return null;
            }
        }

        return buffer.ToArray();
    }

    public static bool Flag(HttpContext context, string name, bool fallback)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length == 0 ? fallback : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1";
    }

    /// <summary>Runs an operation on the scheduler's loop; a store failure becomes 503 as Marathon answers a store timeout.</summary>
    public static async Task<T?> OnLoopAsync<T>(HttpContext context, ServicesActor actor, Func<ServicesCore, DateTimeOffset, T> operation)
    {
        try
        {
            return await actor.RunAsync(operation).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            await MessageAsync(context, 503, e.Message).ConfigureAwait(false);
            return default;
        }
    }
}
