using System.Globalization;
using System.Text;
using Appliance.Data.Usage;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// The usage log in the W3C extended log format with the fields of Azure RMS usage logs, so tools written for
/// those read it: a few # directives, then one tab-separated line per entry, "-" for an empty field.
/// </summary>
public static class UsageW3c
{
    public const string Fields =
        "date time row-id request-type user-id result correlation-id content-id owner-email issuer template-id file-name "
        + "date-published c-info c-ip admin-action acting-as-user";

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<UsageLogEntry> entries, DateTimeOffset now, CancellationToken ct)
    {
        await using var writer = new StreamWriter(destination, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync("#Software: RMS appliance");
        await writer.WriteLineAsync("#Version: 1.1");
        await writer.WriteLineAsync($"#Date: {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}");
        await writer.WriteLineAsync($"#Fields: {Fields}");
        var line = new StringBuilder();
        await foreach (var e in entries.WithCancellation(ct))
        {
            line.Clear();
            var at = e.Timestamp.UtcDateTime;
            Append(line, at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Append(line, at.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            Append(line, e.Id.ToString(CultureInfo.InvariantCulture));
            Append(line, e.RequestType);
            Append(line, e.UserEmail);
            Append(line, e.Result.ToString());
            Append(line, e.CorrelationId);
            // Braced GUIDs, as Azure RMS writes content and template ids.
            Append(line, e.ContentId?.ToString("B"));
            Append(line, e.OwnerEmail);
            Append(line, e.Issuer);
            Append(line, e.TemplateId?.ToString("B"));
            Append(line, e.FileName);
            Append(line, e.DatePublished?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            Append(line, e.ClientInfo);
            Append(line, e.ClientIp);
            Append(line, e.AdminAction);
            Append(line, e.ActingAs);
            await writer.WriteLineAsync(line, ct);
        }
    }

    /// <summary>
    /// One field and the tab before it. A tab or line break inside a value would shift every field after it or forge
    /// a line, so every control character becomes a space.
    /// </summary>
    private static void Append(StringBuilder line, string? value)
    {
        if (line.Length > 0)
        {
            line.Append('\t');
        }

        if (string.IsNullOrEmpty(value))
        {
            line.Append('-');
            return;
        }

        foreach (var c in value)
        {
            line.Append(char.IsControl(c) ? ' ' : c);
        }
    }
}
