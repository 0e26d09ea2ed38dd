using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;
using Appliance.Data;
using Appliance.Data.Tenants;
using Appliance.Hsm;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Appliance.Web.Tenants;

/// <summary>Finds a tenant's key versions and hands out HSM-backed operations for them.</summary>
public sealed class TenantKeyRing(ApplianceDbContext db, ITenantKeyVault vault, IMemoryCache cache)
{
    /// <summary>
    /// How long a node trusts its copy of a key version's public record. Every licence looks keys up
    /// several times; a state change reaches other nodes within this bound (a destroyed key fails in the
    /// HSM regardless).
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    public async Task<TenantKey?> FindAsync(Guid tenantId, string keyId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(("tenant-key", tenantId, keyId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await db.TenantKeys.AsNoTracking()
                .FirstOrDefaultAsync(k => k.KeyId == keyId && k.TenantId == tenantId && k.State != TenantKeyState.Destroyed, ct);
        });

    /// <summary>The key version that signs licences and protects new content; cached like <see cref="FindAsync"/>.</summary>
    public async Task<TenantKey> ActiveAsync(Guid tenantId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(("active-tenant-key", tenantId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await db.TenantKeys.AsNoTracking()
                .Where(k => k.TenantId == tenantId && k.State == TenantKeyState.Active)
                .OrderByDescending(k => k.Version)
                .FirstOrDefaultAsync(ct);
        })
        ?? throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TenantNotActivated,
            "The organisation has no active tenant key.");

    public async Task<IReadOnlyList<string>> CertificatesAsync(Guid tenantId, CancellationToken ct) =>
        await db.TenantKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId && k.State != TenantKeyState.Destroyed)
            .OrderBy(k => k.Version)
            .Select(k => k.Certificate)
            .ToListAsync(ct);

    public ISignatureKey SigningKey(TenantKey key)
    {
        vault.EnsureRegionServed(key.Region);
        return vault.SigningKey(key.Region, key.KeyId, AlgorithmNames.ParseSignature(key.SigningAlgorithm));
    }

    public IKeyUnwrapper Unwrapper(TenantKey key)
    {
        vault.EnsureRegionServed(key.Region);
        return vault.Unwrapper(key.Region, key.KeyId);
    }
}
