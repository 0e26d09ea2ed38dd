using System.Globalization;
using System.Net;
using System.Text;
using Appliance.Data.Notifications;

namespace Appliance.Web.Notifications;

/// <summary>The digest mail of one owner's events: subject, plain text, and the same as HTML.</summary>
public sealed record OwnerDigestMail(string Subject, string Text, string Html)
{
    /// <param name="events">The events this mail carries, of one owner.</param>
    /// <param name="waiting">More events of the owner left for the next digest (beyond the per-mail limit).</param>
    public static OwnerDigestMail Compose(IReadOnlyCollection<OwnerNotification> events, int waiting)
    {
        // Documents in the order their first event happened, events oldest first, as a reader follows a story.
        var documents = events.GroupBy(e => e.ContentId)
            .Select(g => new Document(g.Key, g.Select(e => e.FileName).LastOrDefault(n => n is not null), [.. g.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)]))
            .OrderBy(d => d.Events[0].OccurredAt)
            .ToList();
        var subject = $"Activity on your protected documents ({Count(events.Count, "event", "events")})";
        return new OwnerDigestMail(subject, PlainText(documents, events.Count, waiting), HtmlText(documents, events.Count, waiting));
    }

    private static string PlainText(List<Document> documents, int total, int waiting)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Intro(documents, total)}\n\n");
        foreach (var document in documents)
        {
            text.Append(CultureInfo.InvariantCulture, $"{document.Title} - {document.Counts}\n");
            foreach (var e in document.Events)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {When(e)}  {What(e),-7}  {Who(e)} from {From(e)}\n");
            }

            text.Append('\n');
        }

        if (waiting > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Count(waiting, "more event follows", "more events follow")} in the next digest.\n\n");
        }

        text.Append(Footer).Append('\n');
        return text.ToString();
    }

    private static string HtmlText(List<Document> documents, int total, int waiting)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(Intro(documents, total))}</p>");
        foreach (var document in documents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(document.Title)}</h3><p>{E(document.Counts)}</p>");
            html.Append("<table><thead><tr><th>When (UTC)</th><th>What</th><th>Who</th><th>Client IP</th></tr></thead><tbody>");
            foreach (var e in document.Events)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(When(e))}</td><td>{E(What(e))}</td><td>{E(Who(e))}</td><td>{E(From(e))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (waiting > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(Count(waiting, "more event follows", "more events follow"))} in the next digest.</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{E(Footer)}</p></body></html>");
        return html.ToString();
    }

    private const string Footer =
        "You get this mail because you asked to be told when you protected these documents. Your own opens are not listed.";

    private static string Intro(List<Document> documents, int total) =>
        $"Since the last digest there were {Count(total, "event", "events")} on {Count(documents.Count, "of your protected documents", "of your protected documents", one: "one")}.";

    private static string When(OwnerNotification e) =>
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string What(OwnerNotification e) => e.Event switch
    {
        OwnerNotificationEvent.Opened => "opened",
        OwnerNotificationEvent.Refused => "refused",
    };

    private static string Who(OwnerNotification e) => e.UserEmail ?? "an unnamed caller";

    private static string From(OwnerNotification e) => e.ClientIp ?? "an unknown address";

    private static string Count(int n, string singular, string plural, string? one = null) =>
        n == 1 ? $"{one ?? "1"} {singular}" : $"{n.ToString(CultureInfo.InvariantCulture)} {plural}";

    private sealed record Document(Guid ContentId, string? FileName, List<OwnerNotification> Events)
    {
        public string Title => FileName is { } name ? $"{name} (content id {ContentId})" : $"Content id {ContentId}";

        public string Counts
        {
            get
            {
                var opens = Events.Count(e => e.Event == OwnerNotificationEvent.Opened);
                var refusals = Events.Count - opens;
                return $"{Count(opens, "open", "opens")}, {Count(refusals, "refusal", "refusals")}";
            }
        }
    }
}
