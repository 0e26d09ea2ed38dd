using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms reprotect FILE.pxxx (--grant ...|--template NAME|--do-not-forward --to ...) -o OUT`: a copy under a new
/// policy; needs OWNER or EDITRIGHTSDATA. The copy is a new document (its own content id, registered anew, owned by
/// whoever re-protects it); the original keeps its policy and its licences.
/// </summary>
internal static class ReprotectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The protected file" };
        var policy = new PolicyOptions();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the copy under the new policy", HelpName = "OUT", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };

        var command = new Command("reprotect", "Write a copy of a protected file under a new policy, as a new document (needs OWNER or EDITRIGHTSDATA)") { file };
        policy.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction((result, ct) => RunAsync(
            context, result.GetValue(file)!, policy.Read(result), result.GetValue(output)!, result.GetValue(force), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string file, PolicyRequest request, string requestedOutput, bool force, CancellationToken ct)
    {
        context.RefuseExternal();
        var input = FileArguments.RequireExistingFile(file);
        var now = context.Environment.Clock.GetUtcNow();

        // The content is encrypted: an e-mail inside cannot name its recipients before it is opened, so --to is needed.
        var policy = await request.CheckAsync(now, message: null, ct);
        if (string.IsNullOrWhiteSpace(requestedOutput))
        {
            throw new UsageException("-o OUT must name the file to write the copy to");
        }

        var output = FileArguments.ResolveOutput(requestedOutput, input, name => name, force);

        using var client = context.CreateSignedInClient();
        await using var protectedFile = File.OpenRead(input);
        var header = await RmsClient.ReadHeaderAsync(protectedFile, ct);
        var license = await client.OpenAsync(header, ct);

        // Refused before a template is looked up or anything is registered.
        license.Demand(RmsClient.ChangeProtectionOperation, UsageRights.Owner, UsageRights.EditRightsData);
        var options = await policy.ToOptionsAsync(client, header.FileName, header.ContentType, now, ct);

        protectedFile.Position = 0;
        ProtectionResult? result = null;
        await FileArguments.WriteAtomicallyAsync(
            output,
            force,
            ownerOnly: false,
            async stream => result = await client.ReprotectAsync(license, protectedFile, stream, options, ct),
            ct);

        await context.Out.WriteLineAsync(
            $"Protected a copy of {input} as {output}{policy.Describe(options)} (new content id {result!.ContentId}; {license.ContentId} keeps its policy).");
        return ExitCodes.Success;
    }
}
