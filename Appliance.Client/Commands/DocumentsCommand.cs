using System.CommandLine;
using Appliance.Client.Cli;
using Spectre.Console;

namespace Appliance.Client.Commands;

/// <summary>`rms documents`: the documents you protected, newest first; a table on a terminal, tab-separated lines otherwise.</summary>
internal static class DocumentsCommand
{
    public static Command Create(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "How many of your latest documents to list (1 to 1000)", HelpName = "N", DefaultValueFactory = _ => 100 };
        var command = new Command("documents", "List the documents you protected (for rms track and rms revoke)") { limit };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(limit), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            throw new UsageException("--limit is 1 to 1000");
        }

        context.RefuseExternal();
        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var documents = await client.ListDocumentsAsync(limit, ct: ct);
        var rows = documents.Select(d => new[]
        {
            DocumentReference.Instant(d.RegisteredAt),
            d.ContentId.ToString(),
            d.FileName ?? "-",
            d.TemplateName ?? "-",
            d.RevokedAt is null ? "-" : "revoked",
        });
        if (context.Environment.IsTerminal)
        {
            var table = new Table().AddColumns("Registered", "Content id", "File name", "Template", "Revoked");
            foreach (var row in rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }

            context.Console.Write(table);
        }
        else
        {
            foreach (var row in rows)
            {
                await context.Out.WriteLineAsync(string.Join('\t', row));
            }
        }

        return ExitCodes.Success;
    }
}
