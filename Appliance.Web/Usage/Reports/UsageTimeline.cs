using System.Linq.Expressions;
using Appliance.Data;
using Appliance.Data.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Usage.Reports;

/// <summary>One bar of the timeline: the entries from <see cref="Start"/> for one bucket width.</summary>
public sealed record UsageBucket(DateTimeOffset Start, int Requests, int Refused);

/// <summary>Requests and refusals over time, by hour for ranges of up to three days and by day (or days) beyond.</summary>
public sealed record UsageTimeline(DateTimeOffset From, DateTimeOffset To, TimeSpan Width, IReadOnlyList<UsageBucket> Buckets)
{
    public const int MaxBuckets = 120;

    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromDays(3);

    public bool IsHourly => Width < TimeSpan.FromDays(1);

    public int Requests => Buckets.Sum(b => b.Requests);

    public int Refused => Buckets.Sum(b => b.Refused);

    /// <summary>
    /// Counts the filtered entries per bucket with one GROUP BY. With no start in the filter the range starts at the
    /// oldest matching entry; with no end, at <paramref name="now"/>.
    /// </summary>
    public static async Task<UsageTimeline> LoadAsync(ApplianceDbContext db, UsageFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var entries = UsageQuery.Entries(db, filter);
        var to = filter.To ?? now;
        var from = filter.From ?? await entries.OrderBy(e => e.Timestamp).Select(e => (DateTimeOffset?)e.Timestamp).FirstOrDefaultAsync(ct) ?? to;
        var (start, width, count) = Plan(from, to);
        var counts = await entries
            .GroupBy(BucketOf(start, width, count))
            .Select(g => new { Bucket = g.Key, Requests = g.Count(), Refused = g.Count(e => e.Result != UsageResult.Granted) })
            .ToDictionaryAsync(g => g.Bucket, g => (g.Requests, g.Refused), ct);
        var buckets = Enumerable.Range(0, count)
            .Select(i => new UsageBucket(start + (width * i), counts.GetValueOrDefault(i).Requests, counts.GetValueOrDefault(i).Refused))
            .ToList();
        return new UsageTimeline(from, to, width, buckets);
    }

    /// <summary>Buckets that start on a whole UTC hour or day and cover [from, to) in at most <see cref="MaxBuckets"/>.</summary>
    public static (DateTimeOffset Start, TimeSpan Width, int Count) Plan(DateTimeOffset from, DateTimeOffset to)
    {
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (to <= from)
        {
            to = from.AddTicks(1);
        }

        TimeSpan width;
        DateTimeOffset start;
        if (to - from <= HourlyUpTo)
        {
            width = TimeSpan.FromHours(1);
            start = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero);
        }
        else
        {
            start = new DateTimeOffset(from.Year, from.Month, from.Day, 0, 0, 0, TimeSpan.Zero);
            var days = (int)Math.Ceiling((to - start) / TimeSpan.FromDays(1));
            width = TimeSpan.FromDays(Math.Ceiling(days / (double)MaxBuckets));
        }

        return (start, width, (int)Math.Ceiling((to - start) / width));
    }

    /// <summary>
    /// The bucket number of an entry, as a binary search over the bucket edges written as nested CASE expressions.
    /// </summary>
    /// <remarks>
    /// No date arithmetic means the same on both providers here: SQLite keeps instants as integer microseconds and
    /// PostgreSQL as timestamptz. A comparison with an instant does (the model's converters turn the edges into
    /// each provider's form), so the bucket is found with about log2(buckets) comparisons per row, in the database.
    /// </remarks>
    private static Expression<Func<UsageLogEntry, int>> BucketOf(DateTimeOffset start, TimeSpan width, int count)
    {
        var entry = Expression.Parameter(typeof(UsageLogEntry), "e");
        var timestamp = Expression.Property(entry, nameof(UsageLogEntry.Timestamp));
        return Expression.Lambda<Func<UsageLogEntry, int>>(Search(0, count), entry);

        Expression Search(int low, int high)
        {
            if (high - low <= 1)
            {
                return Expression.Constant(low);
            }

            var middle = (low + high) / 2;
            var edge = Expression.Constant(start + (width * middle));
            return Expression.Condition(Expression.LessThan(timestamp, edge), Search(low, middle), Search(middle, high));
        }
    }
}
