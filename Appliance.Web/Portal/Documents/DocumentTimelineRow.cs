using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Portal.Documents;

/// <summary>One licence request for a document, as its tracking page lists it.</summary>
public sealed class DocumentTimelineRow
{
    public long Id { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public string? UserEmail { get; init; }

    public UsageResult Result { get; init; }

    public string? ErrorCode { get; init; }

    public string? ClientIp { get; init; }

    /// <summary>Whose licence a super user got (the document's owner), else null.</summary>
    public string? ActingAs { get; init; }

    /// <summary>The document's licence requests, newest first (the usage log's index on ContentId finds them).</summary>
    public static IQueryable<DocumentTimelineRow> Query(ApplianceDbContext db, Guid contentId) =>
        LicenceRequests(db, contentId).OrderByDescending(e => e.Id).Select(e => new DocumentTimelineRow
        {
            Id = e.Id,
            Timestamp = e.Timestamp,
            UserEmail = e.UserEmail,
            Result = e.Result,
            ErrorCode = e.ErrorCode,
            ClientIp = e.ClientIp,
            ActingAs = e.ActingAs,
        });

    /// <summary>Opens, refusals, and how many people and client addresses asked, over the whole timeline.</summary>
    public static async Task<DocumentActivity> SummaryAsync(ApplianceDbContext db, Guid contentId, CancellationToken ct)
    {
        var requests = LicenceRequests(db, contentId);
        return new DocumentActivity(
            await requests.CountAsync(e => e.Result == UsageResult.Granted, ct),
            await requests.CountAsync(e => e.Result == UsageResult.Denied, ct),
            await requests.Where(e => e.UserEmail != null).Select(e => e.UserEmail).Distinct().CountAsync(ct),
            await requests.Where(e => e.ClientIp != null).Select(e => e.ClientIp).Distinct().CountAsync(ct));
    }

    private static IQueryable<UsageLogEntry> LicenceRequests(ApplianceDbContext db, Guid contentId) =>
        db.UsageLog.AsNoTracking().Where(e => e.ContentId == contentId && e.RequestType == UsageRequestTypes.AcquireLicense);
}

public sealed record DocumentActivity(int Opens, int Refusals, int Users, int ClientIps);
