using System.CommandLine;
using Appliance.Client.Cli;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms revoke FILE|CONTENT_ID` and `rms unrevoke FILE|CONTENT_ID`, for the document's owner and administrators.
/// Revocation stops new licences at once, on every node; licences already issued stay usable offline until they
/// run out (the policy's offline days).
/// </summary>
internal static class RevokeCommand
{
    public static Command Create(CliContext context, bool revokes)
    {
        var document = new Argument<string>(DocumentReference.Name) { Description = DocumentReference.Description };
        var command = revokes
            ? new Command("revoke", "Revoke a document: no one but its owner gets a new licence for it") { document }
            : new Command("unrevoke", "Lift a revocation: licences are issued again as the document's policy says") { document };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(document)!, revokes, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string argument, bool revokes, CancellationToken ct)
    {
        var contentId = await DocumentReference.ResolveAsync(argument, ct);
        // Tokens only: revoking needs no user keys, so an administrator outside every organisation can do it too.
        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var document = revokes ? await client.RevokeDocumentAsync(contentId, ct) : await client.UnrevokeDocumentAsync(contentId, ct);
        var label = DocumentReference.Label(document);
        await context.Out.WriteLineAsync(document.RevokedAt is { } at
            ? $"{label} is revoked (by {document.RevokedBy} on {DocumentReference.Instant(at)}): only its owner {document.Owner} gets a new licence."
            : $"{label} is not revoked: licences are issued as its policy says.");
        return ExitCodes.Success;
    }
}
