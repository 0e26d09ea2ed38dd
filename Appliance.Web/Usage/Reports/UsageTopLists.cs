using Appliance.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Usage.Reports;

/// <summary>One bar of a top-ten chart: what (a document or a person), how often, and a name to show.</summary>
public sealed record UsageTopItem(string Key, string Label, int Requests);

/// <summary>The documents and the people with the most entries under a filter, counted with a GROUP BY.</summary>
public static class UsageTopLists
{
    public const int Size = 10;

    public static async Task<List<UsageTopItem>> DocumentsAsync(ApplianceDbContext db, UsageFilter filter, CancellationToken ct)
    {
        var top = await UsageQuery.Entries(db, filter)
            .Where(e => e.ContentId != null)
            .GroupBy(e => e.ContentId!.Value)
            .Select(g => new { ContentId = g.Key, Requests = g.Count(), FileName = g.Max(e => e.FileName) })
            .OrderByDescending(g => g.Requests).ThenBy(g => g.ContentId)
            .Take(Size)
            .ToListAsync(ct);
        return [.. top.Select(d => new UsageTopItem(d.ContentId.ToString(), d.FileName ?? d.ContentId.ToString(), d.Requests))];
    }

    public static async Task<List<UsageTopItem>> UsersAsync(ApplianceDbContext db, UsageFilter filter, CancellationToken ct)
    {
        var top = await UsageQuery.Entries(db, filter)
            .Where(e => e.UserEmail != null)
            .GroupBy(e => e.UserEmail!)
            .Select(g => new { UserEmail = g.Key, Requests = g.Count() })
            .OrderByDescending(g => g.Requests).ThenBy(g => g.UserEmail)
            .Take(Size)
            .ToListAsync(ct);
        return [.. top.Select(u => new UsageTopItem(u.UserEmail, u.UserEmail, u.Requests))];
    }
}
