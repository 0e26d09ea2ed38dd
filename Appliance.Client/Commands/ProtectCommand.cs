using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms protect FILE --grant EMAIL=RIGHT[,RIGHT...] [--grant ...] [-o OUT]`, `rms protect FILE --template NAME`, or
/// `rms protect FILE --do-not-forward [--to ADDRESS,...]` (an .eml file's To, Cc and Bcc by default).
/// </summary>
internal static class ProtectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The file to protect" };
        var policy = new PolicyOptions();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the protected file (default: beside FILE, e.g. report.txt -> report.ptxt)", HelpName = "OUT" };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };

        var command = new Command("protect", "Protect a file for the people you name, with a template, or as Do Not Forward") { file };
        policy.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction((result, ct) => RunAsync(
            context, result.GetValue(file)!, policy.Read(result), result.GetValue(output), result.GetValue(force), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, PolicyRequest request, string? requestedOutput, bool force, CancellationToken ct)
    {
        // Everything the user typed is checked before the appliance is asked anything.
        context.RefuseExternal();
        var input = FileArguments.RequireExistingFile(file);
        var now = context.Environment.Clock.GetUtcNow();
        var policy = await request.CheckAsync(now, RecipientArguments.IsMessage(input) ? input : null, ct);
        var output = FileArguments.ResolveOutput(requestedOutput, input, ProtectedFileNames.ProtectedName, force);

        using var client = context.CreateSignedInClient();
        var options = await policy.ToOptionsAsync(client, Path.GetFileName(input), contentType: null, now, ct);
        await using var plaintext = File.OpenRead(input);
        ProtectionResult? result = null;
        await FileArguments.WriteAtomicallyAsync(
            output,
            force,
            ownerOnly: false,
            async stream => result = await client.ProtectAsync(plaintext, stream, options, ct),
            ct);

        await context.Out.WriteLineAsync($"Protected {input} as {output}{policy.Describe(options)} (content id {result!.ContentId}).");
        return ExitCodes.Success;
    }
}
