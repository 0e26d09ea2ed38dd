using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Container;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms protect FILE --grant EMAIL=RIGHT[,RIGHT...] [--grant ...] [-o OUT]`, `rms protect FILE --template NAME`, or
/// `rms protect FILE --do-not-forward [--to ADDRESS,...]` (an .eml file's To, Cc and Bcc by default); `--server-side`
/// lets the appliance make the publishing licence, for a device without user keys; `--notify` has the owner mailed a
/// digest of other people's opens and refusals.
/// </summary>
internal static class ProtectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The file to protect" };
        var policy = new PolicyOptions();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the protected file (default: beside FILE, e.g. report.txt -> report.ptxt)", HelpName = "OUT" };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };
        var serverSide = new Option<bool>("--server-side")
        {
            Description = "Let the appliance make and sign the publishing licence (no user keys needed on this device)",
        };

        var notify = new Option<bool>("--notify")
        {
            Description = "E-mail you, the owner, a digest of who opened the document and who was refused it (one mail every few minutes while there is news)",
        };

        var command = new Command("protect", "Protect a file for the people you name, with a template, or as Do Not Forward") { file };
        policy.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(force);
        command.Options.Add(serverSide);
        command.Options.Add(notify);
        command.SetAction((result, ct) => RunAsync(
            context, result.GetValue(file)!, policy.Read(result), result.GetValue(output), result.GetValue(force),
            new ProtectFlags(result.GetValue(serverSide), result.GetValue(notify)), ct));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string file, PolicyRequest request, string? requestedOutput, bool force, ProtectFlags flags, CancellationToken ct)
    {
        // Everything the user typed is checked before the appliance is asked anything.
        context.RefuseExternal();
        var input = FileArguments.RequireExistingFile(file);
        var now = context.Environment.Clock.GetUtcNow();
        var policy = await request.CheckAsync(now, RecipientArguments.IsMessage(input) ? input : null, ct);
        var output = FileArguments.ResolveOutput(requestedOutput, input, ProtectedFileNames.ProtectedName, force);

        // Server-side protection needs only a signed-in session, not this device's user keys.
        var serverSide = flags.ServerSide;
        using var client = serverSide ? context.CreateClient(context.RequireProfile(), identity: null) : context.CreateSignedInClient();
        var options = await policy.ToOptionsAsync(client, Path.GetFileName(input), contentType: null, now, ct) with { NotifyOwner = flags.Notify };
        await using var plaintext = File.OpenRead(input);
        Guid? contentId = null;
        await FileArguments.WriteAtomicallyAsync(
            output,
            force,
            ownerOnly: false,
            async stream => contentId = serverSide
                ? (await client.ProtectOnServerAsync(plaintext, stream, options, ct)).ContentId
                : (await client.ProtectAsync(plaintext, stream, options, ct)).ContentId,
            ct);

        await context.Out.WriteLineAsync($"Protected {input} as {output}{policy.Describe(options)} (content id {contentId}).");
        return ExitCodes.Success;
    }

    private readonly record struct ProtectFlags(bool ServerSide, bool Notify);
}
