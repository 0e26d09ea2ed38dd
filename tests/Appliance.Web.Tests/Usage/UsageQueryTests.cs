using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Usage.Reports;

namespace Appliance.Web.Tests.Usage;

/// <summary>The one filter and sort model of the reports, run by each provider's database.</summary>
public sealed class UsageQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid TenantA = new("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid TenantB = new("b0000000-0000-4000-8000-000000000002");
    private static readonly Guid Content1 = new("00000000-0000-4000-8000-000000000001");
    private static readonly Guid Content2 = new("00000000-0000-4000-8000-000000000002");
    private static readonly Guid Content3 = new("00000000-0000-4000-8000-000000000003");
    private static readonly Guid TemplateX = new("7e000000-0000-4000-8000-000000000001");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Filter_EachFieldAndCombination_ReturnsOnlyMatchingEntriesNewestFirst(DatabaseProvider provider)
    {
        // Arrange - six entries that each filter tells apart.
        await using var database = await UsageTestDatabase.CreateAsync(provider);
        var id = await SeedAsync(database);

        // Act + Assert
        await AssertRowsAsync(database, new UsageFilter { TenantId = TenantA }, UsageSort.Default, id, "a6", "a5", "a3", "a2", "a1");
        await AssertRowsAsync(database, new UsageFilter { From = T0.AddHours(2), To = T0.AddHours(26) }, UsageSort.Default, id, "b4", "a3", "a2");
        await AssertRowsAsync(database, new UsageFilter { UserEmail = "alice@a.test" }, UsageSort.Default, id, "a5", "a3", "a1");
        await AssertRowsAsync(database, new UsageFilter { TenantId = TenantA, RequestType = "AcquireLicense" }, UsageSort.Default, id, "a5", "a2", "a1");
        await AssertRowsAsync(database, new UsageFilter { Result = UsageResult.Denied }, UsageSort.Default, id, "a2");
        await AssertRowsAsync(database, new UsageFilter { ContentId = Content1 }, UsageSort.Default, id, "a2", "a1");
        await AssertRowsAsync(database, new UsageFilter { TemplateId = TemplateX }, UsageSort.Default, id, "a2", "a1");
        await AssertRowsAsync(database, new UsageFilter { TenantId = TenantA, ContentId = Content2, Result = UsageResult.Failed }, UsageSort.Default, id, "a5");
        // A content id of one organisation under another organisation's filter: nothing, not the content's entries.
        await AssertRowsAsync(database, new UsageFilter { TenantId = TenantB, ContentId = Content1 }, UsageSort.Default, id);
        await AssertRowsAsync(database, new UsageFilter { TenantId = TenantA, BeforeId = id["a3"] }, UsageSort.Default, id, "a2", "a1");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sort_EachKeyBothWays_OrdersInTheDatabaseWithRowIdTieBreak(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await UsageTestDatabase.CreateAsync(provider);
        var id = await SeedAsync(database);
        var a = new UsageFilter { TenantId = TenantA };

        // Act + Assert - ties (the same user, type or result) keep row id order in the sort's direction.
        await AssertRowsAsync(database, a, new UsageSort(UsageSort.Time, false), id, "a1", "a2", "a3", "a5", "a6");
        await AssertRowsAsync(database, a, new UsageSort(UsageSort.User, false), id, "a1", "a3", "a5", "a2", "a6");
        await AssertRowsAsync(database, a, new UsageSort(UsageSort.User, true), id, "a6", "a2", "a5", "a3", "a1");
        await AssertRowsAsync(database, a, new UsageSort(UsageSort.RequestType, false), id, "a1", "a2", "a5", "a6", "a3");
        await AssertRowsAsync(database, a, new UsageSort(UsageSort.Result, false), id, "a2", "a5", "a1", "a3", "a6");
        await AssertRowsAsync(database, a with { From = T0 }, new UsageSort(UsageSort.Time, true), id, "a6", "a5", "a3", "a2", "a1");
        await using var db = database.CreateContext();
        var page = await UsageQuery.PageAsync(db, a, UsageSort.Default, 2, 2, default);
        Assert.Equal([id["a3"], id["a2"]], page.Select(e => e.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Charts_GroupedInTheDatabase_CountRequestsRefusalsAndTopItems(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await UsageTestDatabase.CreateAsync(provider);
        await SeedAsync(database);
        await using var db = database.CreateContext();
        var a = new UsageFilter { TenantId = TenantA };

        // Act
        var hourly = await UsageTimeline.LoadAsync(db, a with { From = T0, To = T0.AddHours(6) }, T0.AddDays(30), default);
        var daily = await UsageTimeline.LoadAsync(db, a with { From = T0.AddMinutes(30), To = T0.AddDays(4) }, T0.AddDays(30), default);
        var open = await UsageTimeline.LoadAsync(db, a, T0.AddDays(3), default);
        var documents = await UsageTopLists.DocumentsAsync(db, a, default);
        var users = await UsageTopLists.UsersAsync(db, a, default);

        // Assert
        Assert.True(hourly.IsHourly);
        Assert.Equal([0, 1, 1, 1, 0, 0], hourly.Buckets.Select(b => b.Requests));
        Assert.Equal([0, 0, 1, 0, 0, 0], hourly.Buckets.Select(b => b.Refused));
        Assert.False(daily.IsHourly);
        Assert.Equal(T0, daily.Buckets[0].Start);
        Assert.Equal([3, 1, 1, 0], daily.Buckets.Select(b => b.Requests));
        Assert.Equal([1, 1, 0, 0], daily.Buckets.Select(b => b.Refused));
        // Without a start, the range starts at the oldest matching entry.
        Assert.Equal(T0.AddHours(1), open.From);
        Assert.Equal(5, open.Requests);
        Assert.Equal([(Content1.ToString(), "a.docx", 2), (Content2.ToString(), "b.docx", 2)], documents.Select(d => (d.Key, d.Label, d.Requests)));
        Assert.Equal([("alice@a.test", 3), ("bob@a.test", 2)], users.Select(u => (u.Key, u.Requests)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Count_MoreThanTheLimit_StopsThereAndSaysSo(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await UsageTestDatabase.CreateAsync(provider);
        await using (var seed = database.CreateContext())
        {
            seed.UsageLog.AddRange(Enumerable.Range(0, UsageQuery.CountLimit + 5).Select(i =>
                UsageSeed.Entry(TenantA, T0.AddSeconds(i), i < 7 ? "Publish" : "AcquireLicense", "alice@a.test", UsageResult.Granted)));
            await seed.SaveChangesAsync();
        }

        await using var db = database.CreateContext();

        // Act
        var all = await UsageQuery.CountAsync(db, new UsageFilter { TenantId = TenantA }, default);
        var publish = await UsageQuery.CountAsync(db, new UsageFilter { TenantId = TenantA, RequestType = "Publish" }, default);

        // Assert
        Assert.Equal(new UsageCount(UsageQuery.CountLimit, true), all);
        Assert.Equal("more than 10,000", all.ToString());
        Assert.Equal(new UsageCount(7, false), publish);
    }

    /// <summary>Seeds a1..a6 (tenant A) and b4 (tenant B) one by one, so row ids follow that order; answers their ids.</summary>
    private static async Task<Dictionary<string, long>> SeedAsync(UsageTestDatabase database)
    {
        (string Name, UsageLogEntry Entry)[] rows =
        [
            ("a1", UsageSeed.Entry(TenantA, T0.AddHours(1), "AcquireLicense", "alice@a.test", UsageResult.Granted, Content1, TemplateX, "a.docx")),
            ("a2", UsageSeed.Entry(TenantA, T0.AddHours(2), "AcquireLicense", "bob@a.test", UsageResult.Denied, Content1, TemplateX, "a.docx")),
            ("a3", UsageSeed.Entry(TenantA, T0.AddHours(3), "Publish", "alice@a.test", UsageResult.Granted, Content2, null, "b.docx")),
            ("b4", UsageSeed.Entry(TenantB, T0.AddHours(4), "AcquireLicense", "carol@b.test", UsageResult.Granted, Content3)),
            ("a5", UsageSeed.Entry(TenantA, T0.AddHours(26), "AcquireLicense", "alice@a.test", UsageResult.Failed, Content2, null, "b.docx")),
            ("a6", UsageSeed.Entry(TenantA, T0.AddHours(50), "Admin", "bob@a.test", UsageResult.Granted)),
        ];
        await using var db = database.CreateContext();
        foreach (var (_, entry) in rows)
        {
            db.UsageLog.Add(entry);
            await db.SaveChangesAsync();
        }

        return rows.ToDictionary(r => r.Name, r => r.Entry.Id);
    }

    private static async Task AssertRowsAsync(
        UsageTestDatabase database, UsageFilter filter, UsageSort sort, Dictionary<string, long> ids, params string[] expected)
    {
        await using var db = database.CreateContext();
        var rows = await UsageQuery.PageAsync(db, filter, sort, 0, 100, default);
        var names = ids.ToDictionary(p => p.Value, p => p.Key);
        Assert.True(expected.SequenceEqual(rows.Select(r => names[r.Id])),
            $"{filter.Describe()} sorted by {sort}: expected {string.Join(",", expected)}, got {string.Join(",", rows.Select(r => names[r.Id]))}");
    }
}
