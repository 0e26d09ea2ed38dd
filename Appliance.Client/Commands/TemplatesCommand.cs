using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;
using Spectre.Console;

namespace Appliance.Client.Commands;

/// <summary>`rms templates`: the templates the signed-in user may protect with; a table on a terminal, one per line otherwise.</summary>
internal static class TemplatesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("templates", "List the templates you may protect files with (rms protect FILE --template NAME)");
        command.SetAction((_, ct) => RunAsync(context, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken ct)
    {
        context.RefuseExternal();
        using var client = context.CreateSignedInClient();
        var templates = await client.ListAvailableTemplatesAsync(ct);
        if (context.Environment.IsTerminal)
        {
            var table = new Table().AddColumns("Name", "Description", "Expiry", "Offline", "Id");
            foreach (var t in templates)
            {
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Description), Expiry(t.Expiry), Offline(t.OfflineDays), t.Id.ToString());
            }

            context.Console.Write(table);
        }
        else
        {
            foreach (var t in templates)
            {
                await context.Out.WriteLineAsync($"{t.Name}\t{t.Id}\t{t.Description.ReplaceLineEndings(" ")}");
            }
        }

        return ExitCodes.Success;
    }

    internal static string Expiry(TemplateExpiry expiry) => expiry.Mode switch
    {
        TemplateModes.Date => $"on {expiry.Date:yyyy-MM-dd}",
        TemplateModes.Days => $"{expiry.Days} days after protection",
        _ => "never",
    };

    internal static string Offline(int days) => days == 0 ? "never" : $"{days} days";
}
