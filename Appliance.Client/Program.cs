using Appliance.Client.Cli;

namespace Appliance.Client;

// A named entry point, not top-level statements: the generated global `Program` class would clash with
// the appliance's own in test projects that load both.
internal static class RmsProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();

        // Ctrl+C cancels the running command, which deletes its temporary files, instead of killing the process.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await RmsCli.RunAsync(args, RmsCliEnvironment.FromProcess(), cancellation.Token);
    }
}
