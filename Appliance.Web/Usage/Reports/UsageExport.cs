using Appliance.Data.Usage;
using Microsoft.Net.Http.Headers;

namespace Appliance.Web.Usage.Reports;

public enum UsageExportFormat
{
    Csv,
    W3c,
}

/// <summary>
/// An export streamed to the response as the database returns the rows: constant memory whatever the size of the
/// log, and the first bytes leave before the last row is read.
/// </summary>
public sealed class UsageExport(UsageExportFormat format, IAsyncEnumerable<UsageLogEntry> entries, DateTimeOffset now) : IResult
{
    public static bool TryParseFormat(string? value, out UsageExportFormat format)
    {
        format = UsageExportFormat.Csv;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "csv":
                return true;
            case "w3c":
                format = UsageExportFormat.W3c;
                return true;
            default:
                return false;
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (contentType, fileName) = format == UsageExportFormat.Csv
            ? ("text/csv; charset=utf-8", $"usage-{stamp}.csv")
            : ("text/plain; charset=utf-8", $"usage-{stamp}.log");
        response.ContentType = contentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        var ct = httpContext.RequestAborted;
        await (format == UsageExportFormat.Csv
            ? UsageCsv.WriteAsync(response.Body, entries, ct)
            : UsageW3c.WriteAsync(response.Body, entries, now, ct));
    }
}
