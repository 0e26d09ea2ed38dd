using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Container;

namespace Appliance.Client.Commands;

/// <summary>`rms protect FILE --grant EMAIL=RIGHT[,RIGHT...] [--grant ...] [-o OUT]`, or `rms protect FILE --template NAME`.</summary>
internal static class ProtectCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The file to protect" };
        var grants = new Option<string[]>("--grant") { Description = $"Who may do what: {GrantParser.Syntax} (repeatable; or use --template)", HelpName = GrantParser.Syntax };
        var template = new Option<string>("--template") { Description = "Protect with a template (its name or id; rms templates lists yours) instead of --grant", HelpName = "NAME" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the protected file (default: beside FILE, e.g. report.txt -> report.ptxt)", HelpName = "OUT" };
        var force = new Option<bool>("--force") { Description = "Overwrite OUT if it exists" };
        var expires = new Option<string>("--expires") { Description = "No new licences after this date and time (ISO 8601, UTC unless an offset is given)", HelpName = "WHEN" };
        var offlineDays = new Option<int?>("--offline-days") { Description = "Days a licence may be used without asking the appliance again", HelpName = "DAYS" };

        var command = new Command("protect", "Protect a file for the people you name, or with a template") { file, grants, template, output, force, expires, offlineDays };
        command.Validators.Add(result =>
        {
            var byGrant = result.GetResult(grants) is not null;
            var byTemplate = result.GetResult(template) is not null;
            if (!byGrant && !byTemplate)
            {
                result.AddError("Option '--grant' or '--template' is required.");
            }
            else if (byTemplate && (byGrant || result.GetResult(expires) is not null || result.GetResult(offlineDays) is not null))
            {
                // The template decides who gets what, until when and for how long offline; the appliance checks it did.
                result.AddError("--template goes without --grant, --expires and --offline-days: the template decides them.");
            }
        });
        command.SetAction((result, ct) => RunAsync(
            context,
            new Request(result.GetValue(file)!, result.GetValue(grants) ?? [], result.GetValue(template), result.GetValue(output), result.GetValue(force), result.GetValue(expires), result.GetValue(offlineDays)),
            ct));
        return command;
    }

    private sealed record Request(string File, string[] Grants, string? Template, string? Output, bool Force, string? Expires, int? OfflineDays);

    private static async Task<int> RunAsync(CliContext context, Request request, CancellationToken ct)
    {
        // Everything the user typed is checked before the appliance is asked anything.
        context.RefuseExternal();
        if (request.Template is not null)
        {
            return await ProtectWithTemplateAsync(context, request, ct);
        }

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
        return await ProtectAsync(context, client, input, output, options, request.Force, ct);
    }

    private static async Task<int> ProtectWithTemplateAsync(CliContext context, Request request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Template))
        {
            throw new UsageException("--template needs a template's name or id; rms templates lists yours");
        }

        var input = FileArguments.RequireExistingFile(request.File);
        var output = FileArguments.ResolveOutput(request.Output, input, ProtectedFileNames.ProtectedName, request.Force);
        using var client = context.CreateSignedInClient();
        var template = await client.FindAvailableTemplateAsync(request.Template, ct);
        var options = ProtectionOptions.FromTemplate(Path.GetFileName(input), template, DateTimeOffset.UtcNow);
        return await ProtectAsync(context, client, input, output, options, request.Force, ct);
    }

    private static async Task<int> ProtectAsync(
        CliContext context, RmsClient client, string input, string output, ProtectionOptions options, bool force, CancellationToken ct)
    {
        await using var plaintext = File.OpenRead(input);
        ProtectionResult? result = null;
        await FileArguments.WriteAtomicallyAsync(
            output,
            force,
            ownerOnly: false,
            async stream => result = await client.ProtectAsync(plaintext, stream, options, ct),
            ct);

        var with = options.TemplateName is null ? string.Empty : $" with the template '{options.TemplateName}'";
        await context.Out.WriteLineAsync($"Protected {input} as {output}{with} (content id {result!.ContentId}).");
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
