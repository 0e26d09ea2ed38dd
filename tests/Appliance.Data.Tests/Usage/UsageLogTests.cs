using Appliance.Data.Tests.Infrastructure;
using Appliance.Data.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Tests.Usage;

public class UsageLogTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [DatabaseData]
    public async Task UsageLogEntry_AllFields_RoundTripWithResultStoredAsName(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider);
        var entry = new UsageLogEntry
        {
            Chain = Guid.NewGuid().ToString("D"),
            Sequence = 7,
            PreviousHash = Enumerable.Repeat((byte)0xAB, 32).ToArray(),
            Hash = Enumerable.Repeat((byte)0xCD, 32).ToArray(),
            Timestamp = Noon,
            TenantId = Guid.NewGuid(),
            RequestType = "AcquireLicense",
            UserId = Guid.NewGuid(),
            UserEmail = "bob@contoso.test",
            Result = UsageResult.Denied,
            ErrorCode = "rights-not-granted",
            CorrelationId = "0HN1:00000001",
            ContentId = Guid.NewGuid(),
            OwnerEmail = "alice@contoso.test",
            TemplateId = Guid.NewGuid(),
            FileName = "plan.docx.pfile",
            Issuer = "alice@contoso.test",
            DatePublished = Noon.AddDays(-3),
            Rights = "VIEW,PRINT",
            ClientInfo = "rms/1.0 (linux)",
            ClientIp = "2001:db8::1",
            AdminAction = null,
            ActingAs = "alice@contoso.test",
        };

        // Act
        await using (var db = database.CreateContext())
        {
            db.UsageLog.Add(entry);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loaded = await check.UsageLog.SingleAsync();
        Assert.Equivalent(entry, loaded, strict: true);
        var storedResult = await check.Database
            .SqlQueryRaw<string>("SELECT \"Result\" AS \"Value\" FROM \"UsageLog\"")
            .SingleAsync();
        Assert.Equal("Denied", storedResult);
    }

    [Theory]
    [DatabaseData]
    public async Task UsageLog_OrderedByTimestamp_PagesNewestFirst(DatabaseProvider provider)
    {
        // Arrange - entries written out of order, with mixed offsets, as several nodes would write them.
        // Ordering must follow the instant, not the text of the local time.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenantId = Guid.NewGuid();
        var entries = new[]
        {
            Entry(tenantId, "e3", Noon.AddMinutes(3).ToOffset(TimeSpan.FromHours(-8))),
            Entry(tenantId, "e1", Noon.AddMinutes(1).ToOffset(TimeSpan.FromHours(9))),
            Entry(tenantId, "e5", Noon.AddMinutes(5)),
            Entry(tenantId, "e2", Noon.AddMinutes(2).ToOffset(TimeSpan.FromHours(-3))),
            Entry(tenantId, "e4", Noon.AddMinutes(4).ToOffset(TimeSpan.FromHours(5.5))),
            Entry(Guid.NewGuid(), "other-tenant", Noon.AddMinutes(6)),
        };
        await using (var db = database.CreateContext())
        {
            db.UsageLog.AddRange(entries);
            await db.SaveChangesAsync();
        }

        // Act
        await using var check = database.CreateContext();
        var pages = new List<List<string?>>();
        for (var page = 0; page < 3; page++)
        {
            pages.Add(await check.UsageLog
                .Where(e => e.TenantId == tenantId)
                .OrderByDescending(e => e.Timestamp)
                .ThenByDescending(e => e.Id)
                .Skip(page * 2)
                .Take(2)
                .Select(e => e.CorrelationId)
                .ToListAsync());
        }

        // Assert
        Assert.Equal(["e5", "e4"], pages[0]);
        Assert.Equal(["e3", "e2"], pages[1]);
        Assert.Equal(["e1"], pages[2]);
        var oldestFirst = await check.UsageLog.OrderBy(e => e.Timestamp).Select(e => e.CorrelationId).ToListAsync();
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "other-tenant"], oldestFirst);
    }

    [Theory]
    [DatabaseData]
    public async Task UsageLog_TimeRangeGivenInAnotherOffset_SelectsByInstant(DatabaseProvider provider)
    {
        // Arrange - an administrator's browser sends its local time; the bounds must mean the same instants.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenantId = Guid.NewGuid();
        await using (var db = database.CreateContext())
        {
            db.UsageLog.AddRange(
                Entry(tenantId, "before", Noon.AddMinutes(-1)),
                Entry(tenantId, "start", Noon),
                Entry(tenantId, "inside", Noon.AddMinutes(30)),
                Entry(tenantId, "end", Noon.AddHours(1)));
            await db.SaveChangesAsync();
        }

        var from = Noon.ToOffset(TimeSpan.FromHours(2));
        var to = Noon.AddHours(1).ToOffset(TimeSpan.FromHours(-7));

        // Act
        await using var check = database.CreateContext();
        var selected = await check.UsageLog
            .Where(e => e.TenantId == tenantId && e.Timestamp >= from && e.Timestamp < to)
            .OrderBy(e => e.Timestamp)
            .Select(e => e.CorrelationId)
            .ToListAsync();

        // Assert
        Assert.Equal(["start", "inside"], selected);
    }

    /// <summary>Each entry in a chain of its own: these tests are about the columns, not the chain.</summary>
    private static UsageLogEntry Entry(Guid tenantId, string marker, DateTimeOffset timestamp) => new()
    {
        Chain = marker,
        Sequence = 1,
        PreviousHash = new byte[32],
        Hash = new byte[32],
        Timestamp = timestamp,
        TenantId = tenantId,
        RequestType = "AcquireLicense",
        Result = UsageResult.Granted,
        CorrelationId = marker,
    };
}
