using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms unprotect FILE [-o OUT]`: decrypt for good; needs EXPORT or OWNER. `rms unprotect --recursive DIR [-o OUTDIR]`
/// does so for every protected file under DIR (<see cref="RecursiveUnprotect"/>).
/// </summary>
internal static class UnprotectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("FILE") { Description = "The protected file", Arity = ArgumentArity.ZeroOrOne };
        var recursive = new Option<string>("--recursive")
        {
            Description = "Unprotect every protected file under DIR, beside each one (symbolic links are not followed)",
            HelpName = "DIR",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the plaintext (default: the original name beside FILE); with --recursive, the folder to write into, keeping the paths under DIR",
            HelpName = "OUT",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists (with --recursive, any output that exists)" };

        var command = new Command("unprotect", "Remove the protection from a file, or from every file under a folder (needs EXPORT or OWNER)")
        {
            file, recursive, output, force,
        };
        command.Validators.Add(result =>
        {
            var hasFile = result.GetValue(file) is not null;
            var hasFolder = result.GetResult(recursive) is not null;
            if (hasFile && hasFolder)
            {
                result.AddError("Give FILE or --recursive DIR, not both.");
            }
            else if (!hasFile && !hasFolder)
            {
                result.AddError("Required argument 'FILE' missing: name a protected file, or a folder with --recursive DIR.");
            }
        });
        command.SetAction((result, ct) => result.GetValue(recursive) is { } folder
            ? RecursiveUnprotect.RunAsync(context, folder, result.GetValue(output), result.GetValue(force), ct)
            : RunAsync(context, result.GetValue(file)!, result.GetValue(output), result.GetValue(force), ct));
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
