using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Usage.Reports;

namespace Appliance.Benchmarks.UsageReports;

/// <summary>
/// What is timed: the portal's first pages (an organisation is always chosen there; the page counts, up to the
/// limit) and the admin API's (any filter, with or without an organisation; the API does not count).
/// </summary>
internal static class ReportCases
{
    public static IEnumerable<(string Name, UsageFilter Filter, UsageSort Sort, bool Counts)> Pages(DateTimeOffset now)
    {
        var tenant = SeedLog.Tenants[0].Id;
        var week = new UsageFilter { TenantId = tenant, From = now.AddDays(-7), To = now };
        var user = $"user0100@{SeedLog.Tenants[0].Domain}";
        var content = SeedLog.DocumentId(0, 50);
        var template = SeedLog.TemplateId(0, 1);
        var byUser = new UsageSort(UsageSort.User, false);
        yield return ("no filter (every organisation)", UsageFilter.None, UsageSort.Default, true);
        yield return ("organisation", new UsageFilter { TenantId = tenant }, UsageSort.Default, true);
        yield return ("organisation + last 7 days", week, UsageSort.Default, true);
        yield return ("organisation + 7 days a month ago", week with { From = now.AddDays(-37), To = now.AddDays(-30) }, UsageSort.Default, true);
        yield return ("organisation + user", new UsageFilter { TenantId = tenant, UserEmail = user }, UsageSort.Default, true);
        yield return ("organisation + request type Publish", new UsageFilter { TenantId = tenant, RequestType = "Publish" }, UsageSort.Default, true);
        yield return ("organisation + result Denied", new UsageFilter { TenantId = tenant, Result = UsageResult.Denied }, UsageSort.Default, true);
        yield return ("organisation + content id", new UsageFilter { TenantId = tenant, ContentId = content }, UsageSort.Default, true);
        yield return ("organisation + template", new UsageFilter { TenantId = tenant, TemplateId = template }, UsageSort.Default, true);
        yield return ("organisation, sorted by user", new UsageFilter { TenantId = tenant }, byUser, true);
        yield return ("organisation + result Denied, sorted by user", new UsageFilter { TenantId = tenant, Result = UsageResult.Denied }, byUser, true);
        yield return ("organisation + last 7 days, sorted by request type desc", week, new UsageSort(UsageSort.RequestType, true), true);
        yield return ("API: last 7 days", new UsageFilter { From = now.AddDays(-7) }, UsageSort.Default, false);
        yield return ("API: user", new UsageFilter { UserEmail = user }, UsageSort.Default, false);
        yield return ("API: request type Publish", new UsageFilter { RequestType = "Publish" }, UsageSort.Default, false);
        yield return ("API: result Denied", new UsageFilter { Result = UsageResult.Denied }, UsageSort.Default, false);
        yield return ("API: content id", new UsageFilter { ContentId = content }, UsageSort.Default, false);
        yield return ("API: template", new UsageFilter { TemplateId = template }, UsageSort.Default, false);
    }

    public static IEnumerable<(string Name, Func<ApplianceDbContext, Task> Load)> Charts(DateTimeOffset now)
    {
        var tenant = SeedLog.Tenants[0].Id;
        var week = new UsageFilter { TenantId = tenant, From = now.AddDays(-7), To = now };
        var day = week with { From = now.AddDays(-1) };
        var all = new UsageFilter { TenantId = tenant };
        yield return ("timeline, organisation, last 24 h (hourly)", db => UsageTimeline.LoadAsync(db, day, now, default));
        yield return ("timeline, organisation, last 7 days (daily)", db => UsageTimeline.LoadAsync(db, week, now, default));
        yield return ("timeline, organisation, all 90 days (daily)", db => UsageTimeline.LoadAsync(db, all, now, default));
        yield return ("top 10 documents, organisation, last 7 days", db => UsageTopLists.DocumentsAsync(db, week, default));
        yield return ("top 10 users, organisation, last 7 days", db => UsageTopLists.UsersAsync(db, week, default));
        yield return ("top 10 documents, organisation, all 90 days", db => UsageTopLists.DocumentsAsync(db, all, default));
        yield return ("top 10 users, organisation, all 90 days", db => UsageTopLists.UsersAsync(db, all, default));
    }
}
