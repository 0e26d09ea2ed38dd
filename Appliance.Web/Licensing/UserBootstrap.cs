using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Users;
using Appliance.Web.Hosting;
using Appliance.Web.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Licensing;

/// <summary>
/// Issues a device what it needs to protect offline: the user's key pair (the same on every device),
/// a user certificate signed in the HSM, and the tenant's public certificates.
/// </summary>
public sealed class UserBootstrap(ApplianceDbContext db, TenantKeyRing keys, IOptions<ApplianceOptions> options, TimeProvider clock)
{
    public async Task<BootstrapResponse> BootstrapAsync(LicensingCaller caller, CancellationToken ct)
    {
        var active = await keys.ActiveAsync(caller.Tenant.Id, ct);
        var (publicKey, privateKey) = await UserKeysAsync(caller, active, ct);
        try
        {
            var now = clock.GetUtcNow();
            var certificate = await UserCertificate.IssueAsync(
                new UserCertificateContent(1, caller.Tenant.Id, caller.User.Id, caller.Email, publicKey, now,
                    now.AddDays(options.Value.UserCertificateDays), active.KeyId),
                keys.SigningKey(active), ct);
            var domains = await db.TenantDomains.Where(d => d.TenantId == caller.Tenant.Id).Select(d => d.Domain).ToListAsync(ct);
            return new BootstrapResponse(
                new TenantInfo(caller.Tenant.Id, caller.Tenant.Name, caller.Tenant.Region, domains),
                certificate,
                privateKey,
                await keys.CertificatesAsync(caller.Tenant.Id, ct),
                active.KeyId);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(privateKey);
            throw;
        }
    }

    private async Task<(byte[] PublicKey, byte[] PrivateKey)> UserKeysAsync(LicensingCaller caller, Data.Tenants.TenantKey active, CancellationToken ct)
    {
        var stored = await db.UserKeyPairs.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == caller.User.Id, ct);
        if (stored is not null)
        {
            var sealingKey = await keys.FindAsync(stored.TenantId, stored.TenantKeyId, ct)
                ?? throw new InvalidOperationException($"The tenant key {stored.TenantKeyId} that seals a user key is gone.");
            var privateKey = await PrivateKeyEnvelope.OpenAsync(
                new WrappedPrivateKey(stored.TenantKeyId, AlgorithmNames.ParseWrap(stored.WrapAlgorithm), stored.WrappedKek, stored.WrappedPrivateKey),
                keys.Unwrapper(sealingKey), ct);
            return (stored.PublicKey, privateKey);
        }

        using var rsa = RSA.Create(2048);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        var wrap = AlgorithmNames.ParseWrap(active.WrapAlgorithm);
        var sealedKey = PrivateKeyEnvelope.Seal(active.KeyId, active.EncryptionPublicKey, wrap, pkcs8);
        var pair = new UserKeyPair
        {
            UserId = caller.User.Id,
            TenantId = caller.Tenant.Id,
            PublicKey = rsa.ExportSubjectPublicKeyInfo(),
            TenantKeyId = active.KeyId,
            WrapAlgorithm = AlgorithmNames.Of(wrap),
            WrappedKek = sealedKey.WrappedKek,
            WrappedPrivateKey = sealedKey.WrappedKey,
            CreatedAt = clock.GetUtcNow(),
        };
        db.UserKeyPairs.Add(pair);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two devices bootstrapped at once: the other one's pair won; use it so both hold the same keys.
            CryptographicOperations.ZeroMemory(pkcs8);
            db.ChangeTracker.Clear();
            return await UserKeysAsync(caller, active, ct);
        }

        return (pair.PublicKey, pkcs8);
    }
}
