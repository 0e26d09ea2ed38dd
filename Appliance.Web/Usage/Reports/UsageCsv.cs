using System.Globalization;
using Appliance.Data.Usage;
using CsvHelper;

namespace Appliance.Web.Usage.Reports;

/// <summary>The usage log as RFC 4180 CSV, one record per entry, with the admin API's field names as the header.</summary>
public static class UsageCsv
{
    public static readonly string[] Header =
    [
        "id", "timestamp", "tenantId", "requestType", "userId", "userEmail", "result", "errorCode", "correlationId", "contentId",
        "ownerEmail", "issuer", "templateId", "fileName", "datePublished", "rights", "clientInfo", "clientIp", "adminAction", "actingAs",
    ];

    // SECURITY: the log holds what callers sent (file names, client strings, addresses); a spreadsheet would run a
    // value starting with = + - @ as a formula, so such text gets a leading apostrophe and is shown as text.
    private static readonly CsvWriterOptions _options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<UsageLogEntry> entries, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, _options, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var e in entries.WithCancellation(ct))
        {
            csv.WriteField(e.Id, default);
            csv.WriteField(Instant(e.Timestamp));
            csv.WriteField(e.TenantId?.ToString());
            csv.WriteField(e.RequestType);
            csv.WriteField(e.UserId?.ToString());
            csv.WriteField(e.UserEmail);
            csv.WriteField(e.Result.ToString());
            csv.WriteField(e.ErrorCode);
            csv.WriteField(e.CorrelationId);
            csv.WriteField(e.ContentId?.ToString());
            csv.WriteField(e.OwnerEmail);
            csv.WriteField(e.Issuer);
            csv.WriteField(e.TemplateId?.ToString());
            csv.WriteField(e.FileName);
            csv.WriteField(e.DatePublished is { } published ? Instant(published) : null);
            csv.WriteField(e.Rights);
            csv.WriteField(e.ClientInfo);
            csv.WriteField(e.ClientIp);
            csv.WriteField(e.AdminAction);
            csv.WriteField(e.ActingAs);
            await csv.EndRecordAsync(ct);
        }
    }

    /// <summary>ISO 8601 in UTC to the microsecond the log keeps.</summary>
    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
