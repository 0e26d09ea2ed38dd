using Appliance.Crypto.Audit;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Audit;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Audit;

public sealed class UsageRetentionTests(SqliteAuditNode fixture) : IClassFixture<SqliteAuditNode>
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-400);

    [Fact]
    public async Task Purge_OldEntries_GoneBehindASignedCutAndTheRestStillVerifies()
    {
        // Arrange - activation (now), ten entries 400 days old, five of today.
        var tenantId = await fixture.NewTenantAsync();
        var chain = UsageChains.Of(tenantId);
        await AuditNode.WriteAsync(fixture.Node, tenantId, 10, new FixedClock(LongAgo));
        await fixture.WriteAsync(tenantId, 5);

        // Act
        var purged = await PurgeAsync(chain, DateTimeOffset.UtcNow.AddDays(-365));
        var report = await fixture.VerifyAsync(chain);

        // Assert - everything up to the last old entry went; its hash is where the rest starts.
        Assert.Equal(11, purged);
        Assert.Null(report.Problem);
        Assert.Equal(12, report.FirstSequence);
        var entries = await fixture.EntriesAsync(chain);
        Assert.Equal(12, entries[0].Sequence);
        Assert.Contains(entries, e => e.AdminAction is { } a && a.StartsWith("PurgeUsage 11 entries through 11", StringComparison.Ordinal));
        var cut = await fixture.Node.QueryAsync(db => db.UsageCheckpoints.AsNoTracking().SingleAsync(c => c.Chain == chain));
        Assert.Equal(UsageCheckpointKind.Retention, cut.Kind);
        Assert.Equal(11, cut.Sequence);
        Assert.Equal(entries[0].PreviousHash, cut.HeadHash);
    }

    [Fact]
    public async Task Purge_Twice_SecondFindsNothing()
    {
        var tenantId = await fixture.NewTenantAsync();
        await AuditNode.WriteAsync(fixture.Node, tenantId, 4, new FixedClock(LongAgo));
        var chain = UsageChains.Of(tenantId);

        Assert.Equal(5, await PurgeAsync(chain, DateTimeOffset.UtcNow.AddDays(-365)));
        Assert.Equal(0, await PurgeAsync(chain, DateTimeOffset.UtcNow.AddDays(-365)));
        Assert.Null((await fixture.VerifyAsync(chain)).Problem);
    }

    [Fact]
    public async Task Verify_RetentionCheckpointDeleted_PurgedEntriesReportedMissing()
    {
        // Arrange - whoever deletes the cut's checkpoint makes the purge look like what it would then be: a deletion.
        var tenantId = await fixture.NewTenantAsync();
        var chain = UsageChains.Of(tenantId);
        await AuditNode.WriteAsync(fixture.Node, tenantId, 4, new FixedClock(LongAgo));
        await fixture.WriteAsync(tenantId, 2);
        await PurgeAsync(chain, DateTimeOffset.UtcNow.AddDays(-365));
        await fixture.TamperAsync($"""DELETE FROM "UsageCheckpoints" WHERE "Chain" = {chain}""");

        // Act
        var report = await fixture.VerifyAsync(chain);

        // Assert
        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Deleted, problem.Kind);
        Assert.Equal(1, problem.Sequence);
    }

    [Fact]
    public async Task Purge_ChainAlreadyTamperedWith_RefusedAndNothingDeleted()
    {
        // Arrange - a purge must not seal (and so launder) an edit into a signed cut.
        var tenantId = await fixture.NewTenantAsync();
        var chain = UsageChains.Of(tenantId);
        await AuditNode.WriteAsync(fixture.Node, tenantId, 4, new FixedClock(LongAgo));
        await fixture.TamperAsync($"""UPDATE "UsageLog" SET "Rights" = 'VIEW,EXPORT' WHERE "Chain" = {chain} AND "Sequence" = 3""");
        var before = (await fixture.EntriesAsync(chain)).Count;

        // Act
        var refused = await Assert.ThrowsAsync<ApplianceProblemException>(() => PurgeAsync(chain, DateTimeOffset.UtcNow.AddDays(-365)));

        // Assert
        Assert.Equal(ProblemCodes.AuditChainBroken, refused.Code);
        Assert.Contains("Entry 3", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.EntriesAsync(chain)).Count);
        Assert.Equal(0, await fixture.Node.QueryAsync(db => db.UsageCheckpoints.CountAsync(c => c.Chain == chain)));
    }

    private async Task<int> PurgeAsync(string chain, DateTimeOffset olderThan)
    {
        await using var scope = fixture.Node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UsageRetention>().PurgeAsync(chain, olderThan, CancellationToken.None);
    }
}
