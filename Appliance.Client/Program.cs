using Appliance.Client.Cli;

using var cancellation = new CancellationTokenSource();

// Ctrl+C cancels the running command, which deletes its temporary files, instead of killing the process.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await RmsCli.RunAsync(args, RmsCliEnvironment.FromProcess(), cancellation.Token);
