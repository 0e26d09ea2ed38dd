using System.Diagnostics;
using System.Globalization;
using Appliance.Data;
using Appliance.Web.Usage.Reports;

namespace Appliance.Benchmarks.UsageReports;

/// <summary>
/// The usage report over a large log on both providers: seeds a fresh database of each, then times, through
/// <see cref="UsageQuery"/> as the portal and the admin API call it, the first page (25 rows and the capped count) for
/// each filter and the chart aggregations. Fails when a first page's median is over <see cref="FirstPageBudget"/>.
/// </summary>
internal static class UsageReportLoad
{
    private const int Runs = 20;
    private const int PageSize = 25;
    private static readonly TimeSpan FirstPageBudget = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(int entries)
    {
        var now = DateTimeOffset.UtcNow;
        var failures = new List<string>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"usage report, {entries:N0} entries over {SeedLog.Span.TotalDays:F0} days, {Environment.ProcessorCount} cores, {Runs} runs per case"));
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await ReportDatabase.CreateAsync(provider);
            var seeding = Stopwatch.StartNew();
            var rows = SeedLog.Generate(entries, now);
            await (provider == DatabaseProvider.Sqlite
                ? SeedWriters.WriteSqliteAsync(database.ConnectionString, rows)
                : SeedWriters.WritePostgresAsync(database.ConnectionString, rows));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: seeded in {seeding.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine($"{"case",-58} {"rows med",9} {"rows p95",9} {"count med",10} {"count p95",10} {"page med",9} {"page p95",9}");
            foreach (var (name, filter, sort, counts) in ReportCases.Pages(now))
            {
                var (rowsTimes, countTimes) = await TimePageAsync(database, filter, sort, counts);
                var pages = rowsTimes.Zip(countTimes, (r, c) => r + c).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-58} {Ms(Median(rowsTimes)),9} {Ms(P95(rowsTimes)),9} {Ms(Median(countTimes)),10} {Ms(P95(countTimes)),10} {Ms(Median(pages)),9} {Ms(P95(pages)),9}"));
                if (Median(pages) > FirstPageBudget)
                {
                    failures.Add($"{provider}: {name}: first page median {Ms(Median(pages))} ms");
                }
            }

            Console.WriteLine($"{"chart",-58} {"median",9} {"p95",9}");
            foreach (var (name, load) in ReportCases.Charts(now))
            {
                var times = await TimeAsync(database, load);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-58} {Ms(Median(times)),9} {Ms(P95(times)),9}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(failures.Count == 0
            ? $"every first page within {FirstPageBudget.TotalMilliseconds:F0} ms (median)"
            : "over budget:\n" + string.Join("\n", failures));
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<(List<TimeSpan> Rows, List<TimeSpan> Count)> TimePageAsync(ReportDatabase database, UsageFilter filter, UsageSort sort, bool counts)
    {
        var rows = new List<TimeSpan>();
        var countTimes = new List<TimeSpan>();
        for (var run = -2; run < Runs; run++)
        {
            await using var db = database.CreateContext();
            var clock = Stopwatch.StartNew();
            var page = await UsageQuery.PageAsync(db, filter, sort, 0, PageSize, default);
            var rowsTime = clock.Elapsed;
            clock.Restart();
            if (counts)
            {
                await UsageQuery.CountAsync(db, filter, default);
            }

            if (run >= 0)
            {
                rows.Add(rowsTime);
                countTimes.Add(clock.Elapsed);
            }

            if (page.Count == 0)
            {
                throw new InvalidOperationException($"The case {filter.Describe()} found nothing: the seed and the cases disagree.");
            }
        }

        return (rows, countTimes);
    }

    private static async Task<List<TimeSpan>> TimeAsync(ReportDatabase database, Func<ApplianceDbContext, Task> load)
    {
        var times = new List<TimeSpan>();
        for (var run = -2; run < Runs; run++)
        {
            await using var db = database.CreateContext();
            var clock = Stopwatch.StartNew();
            await load(db);
            if (run >= 0)
            {
                times.Add(clock.Elapsed);
            }
        }

        return times;
    }

    private static TimeSpan Median(List<TimeSpan> times) => Percentile(times, 0.5);

    private static TimeSpan P95(List<TimeSpan> times) => Percentile(times, 0.95);

    private static TimeSpan Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}
