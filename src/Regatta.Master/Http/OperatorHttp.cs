using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Regatta.Master.Snapshots;

namespace Regatta.Master.Http;

/// <summary>Plumbing shared by the operator and legacy endpoints: snapshots, bounded bodies, the leader's address.</summary>
internal static class OperatorHttp
{
    /// <summary>
    /// Takes a snapshot for a request; when the master cannot answer (stopping, stopped) writes 503 and returns
    /// null. A client that went away gets nothing.
    /// </summary>
    public static async Task<MasterSnapshot?> TrySnapshotAsync(HttpContext context, MasterHost master, ILogger logger)
    {
        try
        {
            return await master.SnapshotAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            logger.MasterUnavailable(context.Request.Path, e.Message);
            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master is not available: " + e.Message)
                .ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// The leader check of Mesos's leader-only endpoints: on a master that does not lead, 307 to the same path on
    /// the leader (protocol-relative), or 503 when no leader is known. Returns false when it answered.
    /// </summary>
    public static async Task<bool> EnsureLeaderAsync(HttpContext context, MasterHost master)
    {
        var leader = master.Leader;
        if (leader.IsLeader)
        {
            return true;
        }

        if (leader.LeaderAddress is { } address)
        {
            var request = context.Request;
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"//{address}{request.PathBase}{request.Path}{request.QueryString}";
            return false;
        }

        await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "No leader elected").ConfigureAwait(false);
        return false;
    }

    /// <summary>Reads the whole body up to <paramref name="limit"/> bytes; beyond it writes 413 and returns null.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit).ConfigureAwait(false);
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        var body = context.Request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                await WriteTooLargeAsync(context, limit).ConfigureAwait(false);
                return null;
            }
        }
    }

    /// <summary>This master's base URL, protocol-relative as Mesos writes it: <c>//hostname:port</c>.</summary>
    public static string SelfBase(MasterSnapshot snapshot)
    {
        var info = snapshot.MasterInfo;
        var host = info.HasHostname && info.Hostname.Length > 0
            ? info.Hostname
            : info.Address?.Ip is { Length: > 0 } ip ? ip : Regatta.Protocol.MesosIds.UnpackIPv4(info.Ip).ToString();
        return $"//{host}:{info.Port}";
    }

    private static Task WriteTooLargeAsync(HttpContext context, long limit) =>
        JsonEndpoint.WriteTextAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            $"Request body exceeds the limit of {limit} bytes");
}
