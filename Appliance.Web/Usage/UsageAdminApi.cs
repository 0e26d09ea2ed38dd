using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Usage.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Usage;

public static class UsageAdminApi
{
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapUsageAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/usage", ListAsync).WithName("ListUsage").RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapGet("/usage/export", UsageExportEndpoint.HandleAsync).WithName("ExportUsage")
            .LogsUsage(UsageRequestTypes.Admin, UsageExportEndpoint.AdminAction).RequireAuthorization(AppliancePolicies.UsageRead);
        return admin;
    }

    /// <summary>
    /// A page of entries under the report filters, newest first unless <paramref name="sort"/> says otherwise;
    /// <paramref name="before"/> pages backwards by row id. An auditor reads only the organisations the role is held for.
    /// </summary>
    private static async Task<Ok<List<UsageLogEntryDto>>> ListAsync(
        ApplianceDbContext db, OrganisationScope scope, ClaimsPrincipal user, [AsParameters] UsageFilterText filterText, CancellationToken ct,
        int limit = 100, long? before = null, string? sort = null, string? dir = null)
    {
        var (parsed, order) = filterText.ParseOrThrow(sort, dir);
        var filter = await parsed.WithinAsync(scope, user, ct);
        var entries = await UsageQuery.PageAsync(db, filter with { BeforeId = before }, order, 0, Math.Clamp(limit, 1, MaxPageSize), ct);
        return TypedResults.Ok(entries.Select(ToDto).ToList());
    }

    private static UsageLogEntryDto ToDto(UsageLogEntry e) => new(
        e.Id, e.Timestamp, e.RequestType, e.UserEmail, e.Result.ToString(), e.ErrorCode, e.ContentId, e.OwnerEmail, e.ClientIp,
        e.CorrelationId, e.TenantId, e.UserId, e.TemplateId, e.Issuer, e.FileName, e.DatePublished, e.Rights, e.ClientInfo,
        e.AdminAction, e.ActingAs);
}
