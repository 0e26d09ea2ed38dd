using Appliance.Crypto.Audit;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Data.Usage;
using Appliance.Hsm;
using Appliance.Web.Errors;
using Appliance.Web.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>
/// Signs a chain's head in the HSM. A tenant's chain is signed with that tenant's active signing key; the appliance
/// chain, which belongs to no tenant, with the key of the oldest organisation whose region this node serves, so that
/// it too rests on a key no one can use outside the HSM.
/// </summary>
public sealed class UsageCheckpointSigner(ApplianceDbContext db, TenantKeyRing keys, ITenantKeyVault vault, TimeProvider clock)
{
    public async Task<UsageCheckpoint> SignAsync(string chain, long sequence, byte[] headHash, UsageCheckpointKind kind, CancellationToken ct)
    {
        var signer = await SignerTenantAsync(chain, ct);
        var key = await keys.ActiveAsync(signer, ct);
        var statement = new UsageCheckpointStatement(0, chain, sequence, headHash, kind.ToString(),
            UsageChainHash.Normalise(clock.GetUtcNow()), signer, key.KeyId, key.SigningAlgorithm, []);
        var signature = await keys.SigningKey(key).SignAsync(UsageChainHash.CheckpointPayload(statement), ct);
        return new UsageCheckpoint
        {
            Chain = chain,
            Sequence = sequence,
            HeadHash = headHash,
            Kind = kind,
            CreatedAt = statement.CreatedAt,
            SignerTenantId = signer,
            KeyId = key.KeyId,
            Algorithm = key.SigningAlgorithm,
            Signature = signature,
        };
    }

    private async Task<Guid> SignerTenantAsync(string chain, CancellationToken ct)
    {
        if (UsageChainNames.TenantOf(chain) is { } tenantId)
        {
            return tenantId;
        }

        var served = vault.Regions.ToList();
        var oldest = await db.Tenants.AsNoTracking()
            .Where(t => served.Contains(t.Region) && t.Keys.Any(k => k.State == TenantKeyState.Active))
            .OrderBy(t => t.ActivatedAt).ThenBy(t => t.Id)
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(ct);
        return oldest ?? throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.AuditSignerUnavailable,
            "No organisation in a region this node serves has an active key to sign the appliance's usage chain with.");
    }
}
