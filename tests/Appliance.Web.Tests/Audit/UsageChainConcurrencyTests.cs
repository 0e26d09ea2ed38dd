using Appliance.Data.Usage;
using Appliance.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Audit;

public sealed class UsageChainConcurrencyTests
{
    [Fact]
    public async Task TwoNodesWritingAtOnce_OnePostgresDatabase_KeepOneValidChain()
    {
        // Arrange - two appliance nodes behind a load balancer, sharing the database.
        await WithNodeAsync(new PostgresAuditNode(), async fixture =>
        {
            await using var second = fixture.CreateNode();
            var tenantId = await fixture.NewTenantAsync();
            var chain = UsageChains.Of(tenantId);

            // Act - eight writers per node, each writing entries one after another.
            var writers = Enumerable.Range(0, 16)
                .Select(i => Task.Run(() => AuditNode.WriteAsync(i % 2 == 0 ? fixture.Node : second, tenantId, 10)));
            await Task.WhenAll(writers);
            var report = await fixture.VerifyAsync(chain);

            // Assert - every entry has its own number, without gaps, and each links to the one before; stored in that order.
            Assert.Null(report.Problem);
            Assert.Equal(1 + 160, report.LastSequence);
            var sequences = await fixture.Node.QueryAsync(db => db.UsageLog.Where(e => e.Chain == chain).OrderBy(e => e.Id).Select(e => e.Sequence).ToListAsync());
            Assert.Equal(Enumerable.Range(1, 161).Select(i => (long)i), sequences.Take(161));
        });
    }

    [Fact]
    public async Task Scheduler_SealsEveryChainThatGrew()
    {
        // Arrange - a node that checkpoints every second.
        await WithNodeAsync(new SqliteAuditNode(), async fixture =>
        {
            await using var node = fixture.CreateNode(new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "00:00:01" });
            var tenantId = (await node.ActivateTenantAsync("Scheduled", "na", "scheduled.test")).Id;
            await AuditNode.WriteAsync(node, tenantId, 3);
            var head = await node.QueryAsync(db => db.UsageChainHeads.AsNoTracking().SingleAsync(h => h.Chain == UsageChains.Of(tenantId)));

            // Act
            UsageCheckpoint? sealedAt = null;
            for (var attempt = 0; attempt < 100 && sealedAt is null; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                sealedAt = await node.QueryAsync(db => db.UsageCheckpoints.AsNoTracking()
                    .Where(c => c.Chain == head.Chain && c.Sequence >= head.Sequence).FirstOrDefaultAsync());
            }

            // Assert
            Assert.NotNull(sealedAt);
            Assert.Equal(UsageCheckpointKind.Periodic, sealedAt.Kind);
            Assert.Equal(tenantId, sealedAt.SignerTenantId);
        });
    }

    [Fact]
    public async Task Scheduler_AppliesTheRetentionPeriod()
    {
        // Arrange - entries 400 days old on a node that keeps a year and runs its schedule every second.
        await WithNodeAsync(new SqliteAuditNode(), async fixture =>
        {
            await using var node = fixture.CreateNode(new Dictionary<string, string?>
            {
                ["Audit:CheckpointInterval"] = "00:00:01",
                ["Audit:RetentionDays"] = "365",
            });
            var tenantId = (await node.ActivateTenantAsync("Retained", "na", "retained.test")).Id;
            var chain = UsageChains.Of(tenantId);
            await AuditNode.WriteAsync(node, tenantId, 5, new FixedClock(DateTimeOffset.UtcNow.AddDays(-400)));

            // Act
            UsageCheckpoint? cut = null;
            for (var attempt = 0; attempt < 100 && cut is null; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                cut = await node.QueryAsync(db => db.UsageCheckpoints.AsNoTracking()
                    .FirstOrDefaultAsync(c => c.Chain == chain && c.Kind == UsageCheckpointKind.Retention));
            }

            // Assert - activation and the five old entries are gone behind the cut; the purge's own entry remains.
            Assert.NotNull(cut);
            Assert.Equal(6, cut.Sequence);
            var left = await node.QueryAsync(db => db.UsageLog.AsNoTracking().Where(e => e.Chain == chain).Select(e => e.Sequence).ToListAsync());
            Assert.DoesNotContain(left, s => s <= 6);
        });
    }

    [Fact]
    public async Task Scheduler_LeavesChainsOfRegionsItDoesNotServe()
    {
        // Arrange - one database, a node for na and a node for emea, an organisation in each.
        await WithNodeAsync(new PostgresAuditNode(), async fixture =>
        {
            var interval = new Dictionary<string, string?> { ["Audit:CheckpointInterval"] = "00:00:01" };
            await using var emea = fixture.CreateNode(interval, regions: ["emea"]);
            var inNa = await fixture.NewTenantAsync();
            var inEmea = (await emea.ActivateTenantAsync("Far Away", "emea", "far.test")).Id;
            await AuditNode.WriteAsync(fixture.Node, inNa, 2);
            await AuditNode.WriteAsync(emea, inEmea, 2);

            // Act - only the emea node runs its schedule (the fixture's node waits a day).
            List<UsageCheckpoint> checkpoints = [];
            for (var attempt = 0; attempt < 100 && checkpoints.Count == 0; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                checkpoints = await emea.QueryAsync(db => db.UsageCheckpoints.AsNoTracking().ToListAsync());
            }

            await using var scope = emea.Services.CreateAsyncScope();
            var due = await scope.ServiceProvider.GetRequiredService<UsageCheckpoints>().UnsealedChainsAsync(CancellationToken.None);

            // Assert - it sealed its own region's organisation, and does not try the other's, whose key it cannot reach
            // (it would fail at it every interval), though that chain is unsealed.
            Assert.Contains(checkpoints, c => c.Chain == UsageChains.Of(inEmea));
            Assert.DoesNotContain(UsageChains.Of(inNa), due);
            Assert.DoesNotContain(checkpoints, c => c.Chain == UsageChains.Of(inNa));
        });
    }

    /// <summary>A node (and for PostgreSQL a database) of the test's own, removed afterwards.</summary>
    private static async Task WithNodeAsync<TNode>(TNode fixture, Func<TNode, Task> test)
        where TNode : AuditNode
    {
        await fixture.InitializeAsync();
        try
        {
            await test(fixture);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
