using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Regatta.Master.Core;
using Regatta.Protocol;
using Regatta.Protocol.V1.Scheduler;
using CallType = Regatta.Protocol.V1.Scheduler.Call.Types.Type;

namespace Regatta.Master.Hosting;

/// <summary>
/// POST /api/v1/scheduler: the check ladder of the Mesos master, in its order — leader (307/503),
/// recovered (503), method (405), Content-Type (400/415), body (413/400), call validation (400), Accept and
/// Mesos-Stream-Id for SUBSCRIBE (406/400); the framework and stream checks (400/403) happen in the core.
/// SUBSCRIBE answers 200 with a RecordIO event stream; other calls 202 (UPDATE_FRAMEWORK 200).
/// </summary>
internal sealed class SchedulerEndpoint
{
    public const string StreamIdHeader = "Mesos-Stream-Id";

    private readonly Func<MasterActor?> _actor;
    private readonly Func<LeaderState> _leader;
    private readonly MasterOptions _options;
    private readonly TimeProvider _time;

    public SchedulerEndpoint(Func<MasterActor?> actor, Func<LeaderState> leader, MasterOptions options, TimeProvider time)
    {
        _actor = actor;
        _leader = leader;
        _options = options;
        _time = time;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var leader = _leader();
        if (!leader.IsLeader)
        {
            if (leader.LeaderAddress is { } address)
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = $"//{address}{request.PathBase}{request.Path}{request.QueryString}";
                return;
            }

            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "No leader elected").ConfigureAwait(false);
            return;
        }

        if (_actor() is not { } actor)
        {
            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master has not finished recovery").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await TextAsync(context, StatusCodes.Status405MethodNotAllowed, $"Expecting 'POST', received '{request.Method}'").ConfigureAwait(false);
            return;
        }

        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, "Expecting 'Content-Type' to be present").ConfigureAwait(false);
            return;
        }

        if (!MesosMediaType.TryParse(contentType, out var requestFormat))
        {
            await TextAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                $"Expecting 'Content-Type' of {MesosMediaType.Json} or {MesosMediaType.Protobuf}, received '{contentType}'").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await TextAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {_options.MaxRequestBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        Call call;
        try
        {
            call = MesosCodec.Decode<Call>(body, requestFormat);
        }
        catch (MesosDecodeException error)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, $"Failed to parse body into Call: {error.Message}").ConfigureAwait(false);
            return;
        }

        if (CallValidation.Validate(call) is { } problem)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var hasStreamId = request.Headers.TryGetValue(StreamIdHeader, out var streamIdValues);
        WireFormat responseFormat = WireFormat.Json;
        if (call.Type is CallType.Subscribe or CallType.ReconcileOperations)
        {
            if (MesosMediaType.NegotiateAccept(request.Headers.Accept) is not { } negotiated)
            {
                await TextAsync(
                    context,
                    StatusCodes.Status406NotAcceptable,
                    $"Expecting 'Accept' to allow '{MesosMediaType.Json}' or '{MesosMediaType.Protobuf}'").ConfigureAwait(false);
                return;
            }

            responseFormat = negotiated;
            if (call.Type == CallType.Subscribe && hasStreamId)
            {
                await TextAsync(context, StatusCodes.Status400BadRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header").ConfigureAwait(false);
                return;
            }
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, actor.Stopping);
        if (call.Type == CallType.Subscribe)
        {
            await SubscribeAsync(context, actor, call, responseFormat, waiting.Token).ConfigureAwait(false);
            return;
        }

        var reply = new TaskCompletionSource<CallResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamId = hasStreamId ? streamIdValues.ToString() : null;
        if (!actor.Post((core, now) => core.HandleCall(call, streamId, reply.SetResult, now)))
        {
            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master is shutting down").ConfigureAwait(false);
            return;
        }

        CallResult result;
        try
        {
            result = await reply.Task.WaitAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (result.Message is { } message)
        {
            await TextAsync(context, result.StatusCode, message).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = result.StatusCode;
        }
    }

    private async Task SubscribeAsync(HttpContext context, MasterActor actor, Call call, WireFormat format, CancellationToken cancellationToken)
    {
        var stream = new FrameworkStream(Guid.NewGuid().ToString(), format, _options.HeartbeatInterval, _time);
        var reply = new TaskCompletionSource<CallResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!actor.Post((core, now) => core.Subscribe(call, stream, reply.SetResult, now)))
        {
            await TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master is shutting down").ConfigureAwait(false);
            return;
        }

        CallResult result;
        try
        {
            result = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Gone before the master answered: once it answers, report the stream closed so an admitted
            // framework is deactivated rather than left "connected" to nothing.
            stream.Close();
            _ = reply.Task.ContinueWith(
                t => PostClosed(actor, t.Result.FrameworkId, stream),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            return;
        }

        if (result.FrameworkId is not { } frameworkId)
        {
            await TextAsync(context, result.StatusCode, result.Message ?? "Subscription refused").ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ToMediaType();
        response.Headers[StreamIdHeader] = stream.StreamId;
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // A subscription lives as long as the framework; like Mesos, a framework that reads slowly for a while
        // (a burst of offers) is not cut off, so Kestrel's minimum response data rate does not apply here.
        if (context.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        try
        {
            await response.StartAsync(cancellationToken).ConfigureAwait(false);
            await stream.RunAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            PostClosed(actor, frameworkId, stream);
        }
    }

    private static void PostClosed(MasterActor actor, string? frameworkId, FrameworkStream stream)
    {
        stream.Close();
        if (frameworkId is not null)
        {
            actor.Post((core, now) => core.FrameworkStreamClosed(frameworkId, stream, now));
        }
    }

    /// <summary>The body, or null when it exceeds the limit.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxRequestBodyBytes;
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task TextAsync(HttpContext context, int statusCode, string text) => AgentEndpoint.WriteTextAsync(context, statusCode, text);
}
