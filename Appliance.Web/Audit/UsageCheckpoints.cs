using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Hsm;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>Seals chains: on demand through the admin API, and periodically for every chain with new entries.</summary>
public sealed class UsageCheckpoints(ApplianceDbContext db, UsageCheckpointSigner signer, ITenantKeyVault vault)
{
    /// <summary>Signs the chain's current head and adds the checkpoint to the unit of work (the caller saves).</summary>
    public async Task<UsageCheckpoint> AddAsync(string chain, UsageCheckpointKind kind, CancellationToken ct)
    {
        // The head row is read as committed: its hash and sequence always belong to the same stored entry.
        var head = await db.UsageChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Chain == chain, ct)
            ?? throw new ApplianceProblemException(StatusCodes.Status404NotFound, ProblemCodes.AuditChainNotFound,
                $"The usage log has no chain '{chain}'.");
        var checkpoint = await signer.SignAsync(chain, head.Sequence, head.HeadHash, kind, ct);
        db.UsageCheckpoints.Add(checkpoint);
        return checkpoint;
    }

    /// <summary>The chains that grew since their last checkpoint and that this node can sign.</summary>
    public async Task<List<string>> UnsealedChainsAsync(CancellationToken ct)
    {
        var signable = await SignableChainsAsync(ct);
        var heads = await db.UsageChainHeads.AsNoTracking()
            .Where(h => signable.Contains(h.Chain))
            .Select(h => new
            {
                h.Chain,
                h.Sequence,
                Sealed = db.UsageCheckpoints.Where(c => c.Chain == h.Chain).Max(c => (long?)c.Sequence),
            })
            .ToListAsync(ct);
        return [.. heads.Where(h => h.Sequence > (h.Sealed ?? 0)).Select(h => h.Chain)];
    }

    /// <summary>
    /// The appliance chain and those of organisations in a region this node serves: a node of another region cannot
    /// reach their keys, and leaves their chains to the nodes that can rather than failing at them every interval.
    /// </summary>
    public async Task<List<string>> SignableChainsAsync(CancellationToken ct)
    {
        var served = vault.Regions.ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => served.Contains(t.Region)).Select(t => t.Id).ToListAsync(ct);
        return [UsageChains.Appliance, .. tenants.Select(id => UsageChains.Of(id))];
    }

    public async Task<List<UsageCheckpoint>> ListAsync(string chain, CancellationToken ct) =>
        await db.UsageCheckpoints.AsNoTracking().Where(c => c.Chain == chain).OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToListAsync(ct);
}
