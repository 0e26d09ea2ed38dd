using Appliance.Crypto.Audit;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Errors;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>Runs <see cref="UsageChainVerifier"/> over a chain as stored, checking checkpoint signatures with the tenants' public keys.</summary>
public sealed class UsageChainVerification(ApplianceDbContext db)
{
    /// <param name="through">Check only up to this entry (retention checks what it is about to purge).</param>
    public async Task<UsageChainReport> VerifyAsync(string chain, long? through, CancellationToken ct)
    {
        // Head and checkpoints are read before the entries: what they cover is then always already stored, so an entry
        // written meanwhile never looks like a truncation.
        var head = await db.UsageChainHeads.AsNoTracking().Where(h => h.Chain == chain).Select(h => (long?)h.Sequence).FirstOrDefaultAsync(ct);
        var checkpoints = await db.UsageCheckpoints.AsNoTracking()
            .Where(c => c.Chain == chain && (through == null || c.Sequence <= through))
            .ToListAsync(ct);
        if (head is null && checkpoints.Count == 0 && !await db.UsageLog.AnyAsync(e => e.Chain == chain, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status404NotFound, ProblemCodes.AuditChainNotFound, $"The usage log has no chain '{chain}'.");
        }

        var signers = checkpoints.Select(c => c.SignerTenantId).Distinct().ToList();
        var keys = await db.TenantKeys.AsNoTracking()
            .Where(k => signers.Contains(k.TenantId))
            .Select(k => new { k.TenantId, k.KeyId, k.SigningAlgorithm, k.SigningPublicKey })
            .ToListAsync(ct);
        var publicKeys = keys.ToDictionary(k => (k.TenantId, k.KeyId));

        bool IsAuthentic(UsageCheckpointStatement c) =>
            publicKeys.TryGetValue((c.SignerTenantId, c.KeyId), out var key)
            && key.SigningAlgorithm == c.Algorithm
            && SignatureVerifier.Verify(AlgorithmNames.ParseSignature(c.Algorithm), key.SigningPublicKey, UsageChainHash.CheckpointPayload(c), c.Signature);

        var entries = db.UsageLog.AsNoTracking()
            .Where(e => e.Chain == chain && (through == null || e.Sequence <= through))
            .OrderBy(e => e.Id)
            .AsAsyncEnumerable();
        return await UsageChainVerifier.VerifyAsync(
            chain, Chained(entries, ct), [.. checkpoints.Select(c => c.ToStatement())], IsAuthentic, through ?? head, ct);
    }

    private static async IAsyncEnumerable<ChainedUsageEntry> Chained(
        IAsyncEnumerable<UsageLogEntry> entries, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in entries.WithCancellation(ct))
        {
            yield return entry.ToChained();
        }
    }
}

internal static class UsageCheckpointStatements
{
    public static UsageCheckpointStatement ToStatement(this UsageCheckpoint c) =>
        new(c.Id, c.Chain, c.Sequence, c.HeadHash, c.Kind.ToString(), c.CreatedAt, c.SignerTenantId, c.KeyId, c.Algorithm, c.Signature);
}
