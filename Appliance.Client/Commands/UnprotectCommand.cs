using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Commands;

/// <summary>`rms unprotect FILE [-o OUT]`: decrypt for good; needs EXPORT or OWNER.</summary>
internal static class UnprotectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The protected file" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the plaintext (default: the original name beside FILE)", HelpName = "OUT" };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };

        var command = new Command("unprotect", "Remove the protection from a file (needs EXPORT or OWNER)") { file, output, force };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(file)!, result.GetValue(output), result.GetValue(force), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, string? requestedOutput, bool force, CancellationToken ct)
    {
        var input = FileArguments.RequireExistingFile(file);
        var output = FileArguments.ResolveOutput(requestedOutput, input, ProtectedFileNames.OriginalName, force);

        using var client = context.CreateSignedInClient();
        await using var protectedFile = File.OpenRead(input);
        var header = await RmsClient.ReadHeaderAsync(protectedFile, ct);
        var license = await client.OpenAsync(header, ct);
        license.Demand("unprotect", UsageRights.Export, UsageRights.Owner);

        protectedFile.Position = 0;
        await FileArguments.WriteAtomicallyAsync(output, force, ownerOnly: true, stream => license.DecryptAsync(protectedFile, stream, ct), ct);
        await context.Out.WriteLineAsync($"Unprotected {input} to {output}.");
        return ExitCodes.Success;
    }
}
