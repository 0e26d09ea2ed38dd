using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Spectre.Console;

namespace Appliance.Client.Commands;

/// <summary>`rms info FILE`: the document's identity, its policy, your rights, the licence's validity and where it came from.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The protected file" };
        var command = new Command("info", "Show who protected a file, its policy and your rights") { file };
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

        var rows = Describe(license);
        if (context.Environment.IsTerminal)
        {
            var table = new Table().AddColumns("Property", "Value");
            foreach (var (label, value) in rows)
            {
                table.AddRow(Markup.Escape(label), Markup.Escape(value));
            }

            context.Console.Write(table);
        }
        else
        {
            foreach (var (label, value) in rows)
            {
                await context.Out.WriteLineAsync($"{label}: {value}");
            }
        }

        return ExitCodes.Success;
    }

    internal static IReadOnlyList<(string Label, string Value)> Describe(DocumentLicense license)
    {
        var policy = license.Policy;
        var rows = new List<(string, string)>
        {
            ("content id", license.ContentId.ToString()),
            ("file name", license.FileName),
            ("content type", license.Header.ContentType),
            ("owner", policy.Owner),
        };
        rows.AddRange(policy.Grants.Select(g => ("grant", $"{g.Principal} {string.Join(",", g.Rights)}")));
        rows.Add(("expires", policy.ExpiresAt is { } expires ? Format(expires) : "never"));
        rows.Add(("offline days", policy.OfflineDays?.ToString(CultureInfo.InvariantCulture) ?? "not set"));
        if (policy.TemplateName is not null)
        {
            rows.Add(("template", policy.TemplateName));
        }

        rows.Add(("your rights", license.Rights.Count == 0 ? "none" : string.Join(",", license.Rights)));
        if (license.ActingAs is not null)
        {
            rows.Add(("acting as", license.ActingAs));
        }

        // Until then a signed-in user's device keeps the licence and opens the document without asking again.
        rows.Add(("licence valid until", license.ValidUntil is { } until ? Format(until) : "online use only"));
        rows.Add(("licence from", license.FromCache ? "the cache on this device" : "the appliance"));
        return rows;
    }

    private static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
