using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Commands;

/// <summary>`rms view FILE`: decrypt to standard output, byte for byte; needs VIEW.</summary>
internal static class ViewCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The protected file" };
        var command = new Command("view", "Write the content of a protected file to standard output (needs VIEW)") { file };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(file)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, CancellationToken ct)
    {
        var input = FileArguments.RequireExistingFile(file);
        using var client = context.CreateSignedInClient();
        await using var protectedFile = File.OpenRead(input);
        var header = await RmsClient.ReadHeaderAsync(protectedFile, ct);
        var license = await client.OpenAsync(header, ct);
        license.Demand("view", UsageRights.View);

        protectedFile.Position = 0;
        // The raw stream, not a TextWriter: the content may be binary.
        await license.DecryptAsync(protectedFile, context.Environment.Out, ct);
        await context.Environment.Out.FlushAsync(ct);
        return ExitCodes.Success;
    }
}
