using System.Runtime.InteropServices;

namespace Regatta.Cli.Commands;

/// <summary>A token cancelled by SIGINT or SIGTERM, so daemons stop cleanly (close sockets, flush the registry).</summary>
internal sealed class Shutdown : IDisposable
{
    private readonly CancellationTokenSource cts;
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;

    public Shutdown(CancellationToken outer)
    {
        cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => cts.Token;

    public async Task WaitAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        cts.Cancel();
    }
}
