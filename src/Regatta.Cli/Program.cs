using Regatta.Cli;

return await RegattaCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
