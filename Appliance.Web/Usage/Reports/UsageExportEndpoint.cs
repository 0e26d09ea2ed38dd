using Appliance.Data;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// The export, shared by the admin API (bearer token) and the portal (its cookie): the same filters, the same
/// files, the same usage entry about who exported what.
/// </summary>
public static class UsageExportEndpoint
{
    public const string AdminAction = "ExportUsage";

    /// <summary>
    /// Every entry under the filters that the caller may read (<see cref="UsageReach"/>), streamed as CSV or in the W3C
    /// extended log format.
    /// </summary>
    public static async Task<UsageExport> HandleAsync(
        HttpContext http, ApplianceDbContext db, OrganisationScope scope, TimeProvider clock, [AsParameters] UsageFilterText filterText,
        CancellationToken ct, string? format = null, long? before = null, string? sort = null, string? dir = null)
    {
        var (parsed, order) = filterText.ParseOrThrow(sort, dir);
        if (!UsageExport.TryParseFormat(format, out var exportFormat))
        {
            throw UsageFilterText.Invalid(new Dictionary<string, string> { ["format"] = "'format' must be csv or w3c." });
        }

        var filter = await parsed.WithinAsync(scope, http.User, ct);

        // The log as it stands now: entries written while a long export streams (its own entry among them) are
        // left for the next one, so an export agrees with itself.
        var last = await db.UsageLog.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        filter = filter with { BeforeId = Math.Min(before ?? long.MaxValue, last + 1) };

        var record = UsageLoggingFilter.Current(http);
        record.AdminAction = $"{AdminAction} {exportFormat.ToString().ToLowerInvariant()} {filter.Describe()}";
        // An organisation's export is part of its own chain; a made-up tenant id would only start a chain for nobody.
        if (filter.TenantId is { } tenant && await db.Tenants.AnyAsync(t => t.Id == tenant, ct))
        {
            record.TenantId = tenant;
        }

        return new UsageExport(exportFormat, UsageQuery.Sorted(db, filter, order).AsAsyncEnumerable(), clock.GetUtcNow());
    }
}
