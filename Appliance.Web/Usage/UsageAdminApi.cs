using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Usage;

public static class UsageAdminApi
{
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapUsageAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/usage", ListAsync).WithName("ListUsage").RequireAuthorization(AppliancePolicies.UsageRead);
        return admin;
    }

    /// <summary>The newest entries first; <paramref name="before"/> pages backwards by row id.</summary>
    private static async Task<Ok<List<UsageLogEntryDto>>> ListAsync(
        ApplianceDbContext db, CancellationToken ct, int limit = 100, long? before = null, Guid? contentId = null)
    {
        var query = db.UsageLog.AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(e => e.Id < id);
        }

        if (contentId is { } content)
        {
            query = query.Where(e => e.ContentId == content);
        }

        var entries = await query.OrderByDescending(e => e.Id).Take(Math.Clamp(limit, 1, MaxPageSize)).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new UsageLogEntryDto(
            e.Id, e.Timestamp, e.RequestType, e.UserEmail, e.Result.ToString(), e.ErrorCode, e.ContentId, e.OwnerEmail, e.ClientIp, e.CorrelationId)).ToList());
    }
}
