using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;
using Spectre.Console;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms track FILE|CONTENT_ID`: what the appliance registered about a document, then who opened it or was refused,
/// newest first. Tables on a terminal; otherwise "label: value" lines, then one tab-separated line per event.
/// </summary>
internal static class TrackCommand
{
    public static Command Create(CliContext context)
    {
        var document = new Argument<string>(DocumentReference.Name) { Description = DocumentReference.Description };
        var limit = new Option<int>("--limit") { Description = "How many of the latest events to show (1 to 1000)", HelpName = "N", DefaultValueFactory = _ => 100 };
        var command = new Command("track", "Show who opened a document you own, and who was refused, from where and when") { document, limit };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(document)!, result.GetValue(limit), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string argument, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            throw new UsageException("--limit is 1 to 1000");
        }

        var contentId = await DocumentReference.ResolveAsync(argument, ct);
        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var document = await client.GetDocumentAsync(contentId, ct);
        var events = await client.GetDocumentTrackingAsync(contentId, limit, ct: ct);

        var facts = Facts(document);
        if (context.Environment.IsTerminal)
        {
            var factTable = new Table().AddColumns("Property", "Value");
            foreach (var (label, value) in facts)
            {
                factTable.AddRow(Markup.Escape(label), Markup.Escape(value));
            }

            var eventTable = new Table().AddColumns("Time", "User", "Request", "Result", "Client IP", "Error");
            foreach (var e in events)
            {
                eventTable.AddRow([.. EventColumns(e).Select(Markup.Escape)]);
            }

            context.Console.Write(factTable);
            context.Console.Write(eventTable);
        }
        else
        {
            foreach (var (label, value) in facts)
            {
                await context.Out.WriteLineAsync($"{label}: {value}");
            }

            foreach (var e in events)
            {
                await context.Out.WriteLineAsync(string.Join('\t', EventColumns(e)));
            }
        }

        return ExitCodes.Success;
    }

    internal static IReadOnlyList<(string Label, string Value)> Facts(DocumentDetails d) =>
    [
        ("content id", d.ContentId.ToString()),
        ("file name", d.FileName ?? "-"),
        ("owner", d.Owner),
        ("template", d.TemplateId is { } id ? $"{d.TemplateName ?? "(deleted)"} ({id})" : "none"),
        ("published", DocumentReference.Instant(d.PublishedAt)),
        ("registered", DocumentReference.Instant(d.RegisteredAt)),
        ("revoked", d.RevokedAt is { } at ? $"{DocumentReference.Instant(at)} by {d.RevokedBy}" : "no"),
    ];

    /// <summary>Time, user, request, result, client IP, error code; "-" for what is not known.</summary>
    internal static string[] EventColumns(DocumentEvent e) =>
        [DocumentReference.Instant(e.Timestamp), e.User ?? "-", e.RequestType, e.Result, e.ClientIp ?? "-", e.ErrorCode ?? "-"];
}
