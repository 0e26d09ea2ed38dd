using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;

namespace Appliance.Client.Commands;

/// <summary>`rms protect FILE --grant EMAIL=RIGHT[,RIGHT...] [--grant ...] [-o OUT]`.</summary>
internal static class ProtectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The file to protect" };
        var grants = new Option<string[]>("--grant") { Description = $"Who may do what: {GrantParser.Syntax} (repeatable)", Required = true, HelpName = GrantParser.Syntax };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the protected file (default: beside FILE, e.g. report.txt -> report.ptxt)", HelpName = "OUT" };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };
        var expires = new Option<string>("--expires") { Description = "No new licences after this date and time (ISO 8601, UTC unless an offset is given)", HelpName = "WHEN" };
        var offlineDays = new Option<int?>("--offline-days") { Description = "Days a licence may be used without asking the appliance again", HelpName = "DAYS" };

        var command = new Command("protect", "Protect a file for the people you name") { file, grants, output, force, expires, offlineDays };
        command.SetAction((result, ct) => RunAsync(
            context,
            new Request(result.GetValue(file)!, result.GetValue(grants)!, result.GetValue(output), result.GetValue(force), result.GetValue(expires), result.GetValue(offlineDays)),
            ct));
        return command;
    }

    private sealed record Request(string File, string[] Grants, string? Output, bool Force, string? Expires, int? OfflineDays);

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken ct)
    {
        // Everything the user typed is checked before the appliance is asked anything.
        context.RefuseExternal();
        var grants = GrantParser.Parse(request.Grants);
        var expiresAt = ParseExpiry(request.Expires);
        if (request.OfflineDays is < 0)
        {
            throw new UsageException("--offline-days cannot be negative");
        }

        var input = FileArguments.RequireExistingFile(request.File);
        var output = FileArguments.ResolveOutput(request.Output, input, ProtectedFileNames.ProtectedName, request.Force);
        var options = new ProtectionOptions(Path.GetFileName(input), grants) { ExpiresAt = expiresAt, OfflineDays = request.OfflineDays };

        using var client = context.CreateSignedInClient();
        await using var plaintext = File.OpenRead(input);
        ProtectionResult? result = null;
        await FileArguments.WriteAtomicallyAsync(
            output,
            request.Force,
            ownerOnly: false,
            async stream => result = await client.ProtectAsync(plaintext, stream, options, ct),
            ct);

        await context.Out.WriteLineAsync($"Protected {input} as {output} (content id {result!.ContentId}).");
        return ExitCodes.Success;
    }

    private static DateTimeOffset? ParseExpiry(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new UsageException($"--expires '{text}' is not a date and time (use ISO 8601, e.g. 2030-12-31T18:00:00Z)");
        }

        if (value <= DateTimeOffset.UtcNow)
        {
            throw new UsageException($"--expires '{text}' is in the past");
        }

        return value.ToUniversalTime();
    }
}
