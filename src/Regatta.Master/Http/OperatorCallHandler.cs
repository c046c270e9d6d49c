using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Regatta.Master.Metrics;
using Regatta.Protocol;
using Regatta.Protocol.V1.Master;

namespace Regatta.Master.Http;

/// <summary>
/// One operator API request, through Mesos's ladder: 405 unless POST, 400 without Content-Type, 415 for
/// another media type, 400 for a body that does not decode or validate, 406 when Accept allows neither JSON
/// nor protobuf; then the call. Answers are encoded in the negotiated format.
/// </summary>
internal sealed partial class OperatorCallHandler
{
    private readonly MasterHost _master;
    private readonly TimeProvider _timeProvider;
    private readonly ISystemStatsSource _system;
    private readonly ILogger _logger;

    public OperatorCallHandler(MasterHost master, TimeProvider timeProvider, ISystemStatsSource system, ILogger logger)
    {
        _master = master;
        _timeProvider = timeProvider;
        _system = system;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!await OperatorHttp.EnsureLeaderAsync(context, _master).ConfigureAwait(false))
        {
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            await RejectAsync(context, "?", StatusCodes.Status405MethodNotAllowed, $"Expecting one of {{ 'POST' }}, but received '{request.Method}'").ConfigureAwait(false);
            return;
        }

        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length == 0)
        {
            await RejectAsync(context, "?", StatusCodes.Status400BadRequest, "Expecting 'Content-Type' to be present").ConfigureAwait(false);
            return;
        }

        if (!MesosMediaType.TryParse(contentType, out var requestFormat))
        {
            await RejectAsync(
                context,
                "?",
                StatusCodes.Status415UnsupportedMediaType,
                $"Expecting 'Content-Type' of {MesosMediaType.Json} or {MesosMediaType.Protobuf}").ConfigureAwait(false);
            return;
        }

        var body = await OperatorHttp.ReadBodyAsync(context, _master.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        Call call;
        try
        {
            call = MesosCodec.Decode<Call>(body, requestFormat);
        }
        catch (MesosDecodeException e)
        {
            var prefix = requestFormat == WireFormat.Json ? "Failed to convert JSON into Call protobuf: " : "Failed to parse body into Call protobuf: ";
            await RejectAsync(context, "?", StatusCodes.Status400BadRequest, prefix + e.Message).ConfigureAwait(false);
            return;
        }

        var callType = call.HasType ? JsonEnumNames.Name(call.Type) : "?";
        if (OperatorCallValidation.Validate(call) is { } invalid)
        {
            await RejectAsync(context, callType, StatusCodes.Status400BadRequest, "Failed to validate master::Call: " + invalid).ConfigureAwait(false);
            return;
        }

        if (MesosMediaType.NegotiateAccept(request.Headers.Accept.ToString()) is not { } responseFormat)
        {
            await RejectAsync(
                context,
                callType,
                StatusCodes.Status406NotAcceptable,
                $"Expecting 'Accept' to allow '{MesosMediaType.Protobuf}' or '{MesosMediaType.Json}'").ConfigureAwait(false);
            return;
        }

        _logger.OperatorCall(callType);
        await DispatchAsync(context, call, callType, responseFormat).ConfigureAwait(false);
    }

    private async Task RejectAsync(HttpContext context, string callType, int status, string problem)
    {
        _logger.OperatorCallRejected(callType, status, problem);
        await JsonEndpoint.WriteTextAsync(context, status, problem).ConfigureAwait(false);
    }

    private static async Task WriteResponseAsync(HttpContext context, Response response, WireFormat format)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = format.ToMediaType();
        if (format == WireFormat.Protobuf)
        {
            // Sized up front, so it goes out with a Content-Length. (Google.Protobuf's IBufferWriter path
            // advances before it asks for memory, which Kestrel's response pipe rejects.)
            var bytes = MesosCodec.Encode(response, format);
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        MesosCodec.Write(context.Response.BodyWriter, response, format);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
