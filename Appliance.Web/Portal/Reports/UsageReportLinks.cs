using System.Globalization;
using Appliance.Web.Usage.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace Appliance.Web.Portal.Reports;

/// <summary>
/// The usage page's links, each carrying the whole filter in the query string: another page of the grid, the same
/// report narrowed to a document or a person, and the exports, which therefore hold exactly what the page shows.
/// </summary>
public sealed class UsageReportLinks(UsageFilter filter, UsageSort sort)
{
    public const string PagePath = "reports/usage";

    public string Export(UsageExportFormat format) => Link(
        UsageReportEndpoints.ExportPath.TrimStart('/'), filter, ("format", format.ToString().ToLowerInvariant()));

    public string Narrowed(UsageFilter narrower) => Link(PagePath, narrower);

    /// <summary>
    /// The filter as query parameters, in the forms <see cref="UsageFilterText"/> reads. An open start is sent empty
    /// rather than left out: left out, the page would start at its default of the last seven days again.
    /// </summary>
    public static Dictionary<string, string?> Parameters(UsageFilter filter, UsageSort sort) => new(StringComparer.Ordinal)
    {
        ["tenant"] = filter.TenantId?.ToString(),
        ["from"] = filter.From is { } from ? Instant(from) : string.Empty,
        ["to"] = filter.To is { } to ? Instant(to) : null,
        ["user"] = filter.UserEmail,
        ["requestType"] = filter.RequestType,
        ["result"] = filter.Result?.ToString(),
        ["contentId"] = filter.ContentId?.ToString(),
        ["templateId"] = filter.TemplateId?.ToString(),
        ["sort"] = sort.Key,
        ["dir"] = sort.Descending ? "desc" : "asc",
    };

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Link(string path, UsageFilter linked, params (string Name, string Value)[] extra)
    {
        var parameters = Parameters(linked, sort).Where(p => p.Value is not null).ToList();
        parameters.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)));
        return QueryHelpers.AddQueryString(path, parameters);
    }
}
