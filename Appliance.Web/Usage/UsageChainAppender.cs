using System.Data.Common;
using Appliance.Crypto.Audit;
using Appliance.Data;
using Appliance.Data.Usage;
using Microsoft.EntityFrameworkCore.Storage;

namespace Appliance.Web.Usage;

/// <summary>
/// Gives a new entry its place in its chain. The chain's head row is updated first, which locks it (a row lock in
/// PostgreSQL, the write lock in SQLite) until the request's transaction ends, so entries of one chain are numbered
/// and linked one at a time even with several nodes writing; the unique (chain, sequence) index refuses a fork anyway.
/// </summary>
internal static class UsageChainAppender
{
    private const string Advance =
        """UPDATE "UsageChainHeads" SET "Sequence" = "Sequence" + 1 WHERE "Chain" = @chain RETURNING "Sequence", "HeadHash" """;

    private const string Start =
        """INSERT INTO "UsageChainHeads" ("Chain", "Sequence", "HeadHash") VALUES (@chain, 0, @hash) ON CONFLICT DO NOTHING""";

    /// <summary>Numbers, links and hashes <paramref name="entry"/> and adds it to the unit of work. Needs an open transaction.</summary>
    public static async Task AppendAsync(ApplianceDbContext db, UsageLogEntry entry, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A usage entry is chained inside the request's transaction.");
        var advanced = await AdvanceAsync(transaction, entry.Chain, ct);
        if (advanced is null && !await OrganisationExistsAsync(db, entry.Chain, ct))
        {
            // A request naming an organisation that does not exist (or no longer does) must not start a chain no key
            // can ever seal: its entry goes to the appliance's chain, still saying which id it named.
            entry.Chain = UsageChains.Appliance;
            advanced = await AdvanceAsync(transaction, entry.Chain, ct);
        }

        var (sequence, previous) = advanced ?? await StartAndAdvanceAsync(transaction, entry.Chain, ct);

        entry.Sequence = sequence;
        entry.PreviousHash = previous;
        entry.Hash = UsageChainHash.Compute(previous, entry.ToChained());
        MoveHead(db, entry);
        db.UsageLog.Add(entry);
    }

    /// <summary>
    /// The head's new hash goes out in the same batch as the entry's insert, one round trip less per licence; the
    /// sequence number was already moved, under the lock, by the statement that took it.
    /// </summary>
    private static void MoveHead(ApplianceDbContext db, UsageLogEntry entry)
    {
        var head = db.UsageChainHeads.Local.FirstOrDefault(h => h.Chain == entry.Chain)
            ?? db.UsageChainHeads.Attach(new UsageChainHead { Chain = entry.Chain, HeadHash = entry.Hash }).Entity;
        head.Sequence = entry.Sequence;
        head.HeadHash = entry.Hash;
        var tracked = db.Entry(head);
        tracked.Property(h => h.Sequence).IsModified = true;
        tracked.Property(h => h.HeadHash).IsModified = true;
    }

    /// <summary>Also true for an organisation this very request creates (its row is still pending in the unit of work).</summary>
    private static async Task<bool> OrganisationExistsAsync(ApplianceDbContext db, string chain, CancellationToken ct) =>
        chain == UsageChains.Appliance || (Guid.TryParse(chain, out var tenantId) && await db.Tenants.FindAsync([tenantId], ct) is not null);

    private static async Task<(long, byte[])> StartAndAdvanceAsync(DbTransaction transaction, string chain, CancellationToken ct)
    {
        await ExecuteAsync(transaction, Start, chain, UsageChainHash.Genesis, ct);
        return await AdvanceAsync(transaction, chain, ct)
            ?? throw new InvalidOperationException($"The head of usage chain {chain} could not be created.");
    }

    private static async Task<(long, byte[])?> AdvanceAsync(DbTransaction transaction, string chain, CancellationToken ct)
    {
        await using var command = Command(transaction, Advance, chain, hash: null);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return (reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, string chain, byte[] hash, CancellationToken ct)
    {
        await using var command = Command(transaction, sql, chain, hash);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(DbTransaction transaction, string sql, string chain, byte[]? hash)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@chain", chain);
        if (hash is not null)
        {
            Add(command, "@hash", hash);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
