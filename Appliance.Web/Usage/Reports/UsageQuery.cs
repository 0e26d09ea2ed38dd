using Appliance.Data;
using Appliance.Data.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Usage.Reports;

/// <summary>
/// The usage log as every report reads it: filtered and ordered in the database by <see cref="UsageFilter"/> and
/// <see cref="UsageSort"/>, a page at a time, never the whole log in memory.
/// </summary>
public static class UsageQuery
{
    /// <summary>
    /// Counting stops here. An exact count reads every matching index entry, which is what the pages are built not to
    /// do; beyond this a person narrows the filter or exports, and the page says "more than".
    /// </summary>
    public const int CountLimit = 10_000;

    public static IQueryable<UsageLogEntry> Entries(ApplianceDbContext db, UsageFilter filter) =>
        filter.Apply(db.UsageLog.AsNoTracking());

    public static IQueryable<UsageLogEntry> Sorted(ApplianceDbContext db, UsageFilter filter, UsageSort sort) =>
        sort.Apply(Entries(db, filter), filter.From is not null || filter.To is not null);

    public static Task<List<UsageLogEntry>> PageAsync(
        ApplianceDbContext db, UsageFilter filter, UsageSort sort, int skip, int take, CancellationToken ct) =>
        Sorted(db, filter, sort).Skip(skip).Take(take).ToListAsync(ct);

    /// <summary>How many entries match, counted up to <see cref="CountLimit"/> + 1.</summary>
    public static async Task<UsageCount> CountAsync(ApplianceDbContext db, UsageFilter filter, CancellationToken ct)
    {
        var counted = await Entries(db, filter).Take(CountLimit + 1).CountAsync(ct);
        return new UsageCount(Math.Min(counted, CountLimit), counted > CountLimit);
    }
}

/// <summary>A count that may have stopped at <see cref="UsageQuery.CountLimit"/>.</summary>
public readonly record struct UsageCount(int Value, bool IsLowerBound)
{
    public override string ToString() => IsLowerBound ? $"more than {Value:N0}" : Value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
}
