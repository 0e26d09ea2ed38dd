using Appliance.Crypto.Audit;
using Appliance.Data.Usage;
using Appliance.Web.Usage;

namespace Appliance.Web.Tests.Audit;

/// <summary>
/// The log is tampered with in the database directly, as someone with write access to it would, and verification
/// names what was done and where. Each test has a tenant, so a chain, of its own.
/// </summary>
public abstract class UsageChainTamperTests(AuditNode fixture)
{
    private const int Written = 12;

    [Fact]
    public async Task Verify_UntouchedChainWithCheckpoints_Intact()
    {
        // Arrange
        var chain = await ChainWithEntriesAsync();
        await fixture.CheckpointAsync(chain);
        await fixture.WriteAsync(Guid.Parse(chain), 3);

        // Act
        var report = await fixture.VerifyAsync(chain);

        // Assert - activation and the entries, the checkpoint request, three more.
        Assert.Null(report.Problem);
        Assert.Equal(1, report.FirstSequence);
        Assert.Equal(Written + 1 + 3, report.LastSequence);
        Assert.Equal(report.LastSequence, report.EntriesChecked);
        Assert.Equal(1, report.CheckpointsChecked);
        var entries = await fixture.EntriesAsync(chain);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Convert.ToHexStringLower(entries[(int)report.LastSequence - 1].Hash), report.HeadHash);
    }

    [Fact]
    public async Task Verify_FieldEdited_NamesTheAlteredEntry()
    {
        var chain = await ChainWithEntriesAsync();
        var victim = await fixture.EntryAsync(chain, 5);
        await fixture.TamperAsync($"""UPDATE "UsageLog" SET "UserEmail" = 'someone.else@contoso.test' WHERE "Id" = {victim.Id}""");

        var report = await fixture.VerifyAsync(chain);

        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Altered, problem.Kind);
        Assert.Equal(5, problem.Sequence);
        Assert.Equal(victim.Id, problem.RowId);
        Assert.Contains("Entry 5", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowDeleted_NamesTheDeletedEntry()
    {
        var chain = await ChainWithEntriesAsync();
        var victim = await fixture.EntryAsync(chain, 6);
        await fixture.TamperAsync($"""DELETE FROM "UsageLog" WHERE "Id" = {victim.Id}""");

        var report = await fixture.VerifyAsync(chain);

        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Deleted, problem.Kind);
        Assert.Equal(6, problem.Sequence);
    }

    [Fact]
    public async Task Verify_TwoRowsSwapped_NamesTheReorderedEntry()
    {
        // Arrange - the rows of entries 4 and 8 trade places in the table's order.
        var chain = await ChainWithEntriesAsync();
        var first = await fixture.EntryAsync(chain, 4);
        var second = await fixture.EntryAsync(chain, 8);
        await fixture.TamperAsync($"""UPDATE "UsageLog" SET "Id" = {-first.Id} WHERE "Id" = {first.Id}""");
        await fixture.TamperAsync($"""UPDATE "UsageLog" SET "Id" = {first.Id} WHERE "Id" = {second.Id}""");
        await fixture.TamperAsync($"""UPDATE "UsageLog" SET "Id" = {second.Id} WHERE "Id" = {-first.Id}""");

        // Act
        var report = await fixture.VerifyAsync(chain);

        // Assert
        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Reordered, problem.Kind);
        Assert.Equal(4, problem.Sequence);
        Assert.Equal(second.Id, problem.RowId);
    }

    [Fact]
    public async Task Verify_TailTruncatedAndHeadRewound_CaughtByTheCheckpoint()
    {
        // Arrange - the attacker removes the last entries and sets the head back so the end looks natural.
        var chain = await ChainWithEntriesAsync();
        var checkpoint = await fixture.CheckpointAsync(chain);
        var keep = checkpoint.Sequence - 3;
        var kept = await fixture.EntryAsync(chain, keep);
        await fixture.TamperAsync($"""DELETE FROM "UsageLog" WHERE "Chain" = {chain} AND "Sequence" > {keep}""");
        await fixture.TamperAsync($"""UPDATE "UsageChainHeads" SET "Sequence" = {keep}, "HeadHash" = {kept.Hash} WHERE "Chain" = {chain}""");

        // Act
        var report = await fixture.VerifyAsync(chain);

        // Assert
        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Truncated, problem.Kind);
        Assert.Equal(keep + 1, problem.Sequence);
    }

    [Fact]
    public async Task Verify_TailTruncated_NamesTheFirstMissingEntry()
    {
        var chain = await ChainWithEntriesAsync();
        await fixture.TamperAsync($"""DELETE FROM "UsageLog" WHERE "Chain" = {chain} AND "Sequence" > {Written - 2}""");

        var report = await fixture.VerifyAsync(chain);

        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.Truncated, problem.Kind);
        Assert.Equal(Written - 1, problem.Sequence);
    }

    [Fact]
    public async Task Verify_EntryEditedAndChainRehashed_CaughtByTheCheckpoint()
    {
        // Arrange - a careful attacker recomputes every hash after the edit and moves the head; only the signed
        // checkpoint still remembers the original.
        var chain = await ChainWithEntriesAsync();
        await fixture.CheckpointAsync(chain);
        var entries = await fixture.EntriesAsync(chain);
        var previous = entries[3].Hash;
        foreach (var entry in entries.Skip(4))
        {
            if (entry.Sequence == 5)
            {
                entry.UserEmail = "someone.else@contoso.test";
                await fixture.TamperAsync($"""UPDATE "UsageLog" SET "UserEmail" = {entry.UserEmail} WHERE "Id" = {entry.Id}""");
            }

            var hash = UsageChainHash.Compute(previous, entry.ToChained());
            await fixture.TamperAsync($"""UPDATE "UsageLog" SET "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Id" = {entry.Id}""");
            previous = hash;
        }

        await fixture.TamperAsync($"""UPDATE "UsageChainHeads" SET "HeadHash" = {previous} WHERE "Chain" = {chain}""");

        // Act
        var report = await fixture.VerifyAsync(chain);

        // Assert
        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.CheckpointMismatch, problem.Kind);
        Assert.Equal(1, problem.Sequence);
        Assert.Contains("re-hashed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointMovedToAnotherEntry_NamedAsForged()
    {
        var chain = await ChainWithEntriesAsync();
        var checkpoint = await fixture.CheckpointAsync(chain);
        await fixture.TamperAsync($"""UPDATE "UsageCheckpoints" SET "Sequence" = {checkpoint.Sequence - 1} WHERE "Chain" = {chain}""");

        var report = await fixture.VerifyAsync(chain);

        var problem = AuditProblemAssert.Of(report).Problem;
        Assert.Equal(UsageChainProblemKind.CheckpointForged, problem.Kind);
    }

    [Fact]
    public async Task Verify_ApplianceChain_SignedWithAnOrganisationsKey()
    {
        // Arrange - requests that concern no tenant have a chain of their own.
        await fixture.NewTenantAsync();
        await fixture.WriteAsync(null, 3);

        // Act
        var checkpoint = await fixture.CheckpointAsync(UsageChains.Appliance);
        var report = await fixture.VerifyAsync(UsageChains.Appliance);

        // Assert
        Assert.Null(report.Problem);
        Assert.Equal(UsageChains.Appliance, checkpoint.Chain);
        Assert.True(report.CheckpointsChecked >= 1);
    }

    private async Task<string> ChainWithEntriesAsync()
    {
        var tenantId = await fixture.NewTenantAsync();
        await fixture.WriteAsync(tenantId, Written - 1);
        return UsageChains.Of(tenantId);
    }
}

public sealed class SqliteUsageChainTamperTests(SqliteAuditNode fixture) : UsageChainTamperTests(fixture), IClassFixture<SqliteAuditNode>;

public sealed class PostgresUsageChainTamperTests(PostgresAuditNode fixture) : UsageChainTamperTests(fixture), IClassFixture<PostgresAuditNode>;
