using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appliance.Crypto.Licensing;
using Appliance.Data.Tenants;
using Appliance.Hsm;
using Appliance.Web.Tenants;
using Microsoft.Extensions.Caching.Memory;

namespace Appliance.Web.Licensing;

/// <summary>
/// Checks that a publishing licence was made for one of this appliance's tenant keys and signed either
/// by the tenant (server-side publishing) or by a user holding a certificate the tenant issued.
/// </summary>
public sealed class PublishingLicenseVerifier(
    TenantKeyRing keys,
    ITenantKeyVault vault,
    IMemoryCache cache,
    TimeProvider clock,
    ILogger<PublishingLicenseVerifier> logger)
{
    public async Task<VerifiedPublishingLicense> VerifyAsync(string publishingLicense, CancellationToken ct)
    {
        var parsed = PublishingLicense.Parse(publishingLicense);
        var content = parsed.Content;
        var tenantKey = await keys.FindAsync(content.TenantId, content.TenantKeyId, ct)
            ?? throw Invalid("no tenant key {0} for tenant {1}", content.TenantKeyId, content.TenantId);
        // Refuse with the region's name before anything else touches the HSM.
        vault.EnsureRegionServed(tenantKey.Region);

        if (content.SignerCertificate is null)
        {
            var signer = await keys.FindAsync(content.TenantId, parsed.Header.Kid, ct)
                ?? throw Invalid("unknown tenant signing key {0}", parsed.Header.Kid, null);
            if (!parsed.VerifySignature(signer.SigningPublicKey))
            {
                throw Invalid("bad tenant signature on content {0}", content.ContentId, null);
            }

            return new VerifiedPublishingLicense(parsed, tenantKey, null, null);
        }

        var issuerKid = UserCertificate.ReadHeader(content.SignerCertificate).Kid;
        var issuer = await keys.FindAsync(content.TenantId, issuerKid, ct)
            ?? throw Invalid("user certificate issued by unknown key {0}", issuerKid, null);
        var certificate = VerifiedCertificate(content.SignerCertificate, issuer);
        if (certificate.TenantId != content.TenantId)
        {
            throw Invalid("user certificate of tenant {0} on content of tenant {1}", certificate.TenantId, content.TenantId);
        }

        if (certificate.ExpiresAt < content.IssuedAt || certificate.IssuedAt > clock.GetUtcNow().AddMinutes(5))
        {
            throw Invalid("user certificate of {0} not valid at publishing time of {1}", certificate.UserId, content.ContentId);
        }

        if (!parsed.VerifySignature(certificate.PublicKey))
        {
            throw Invalid("bad user signature on content {0} by {1}", content.ContentId, certificate.UserId);
        }

        return new VerifiedPublishingLicense(parsed, tenantKey, certificate.UserId, certificate.Email);
    }

    /// <summary>
    /// A user's certificate is in every licence of every document they protected; its signature is
    /// checked once and remembered by its exact bytes (a different byte is a different entry).
    /// </summary>
    private UserCertificateContent VerifiedCertificate(string certificate, TenantKey issuer)
    {
        var key = ("user-certificate", issuer.KeyId, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(certificate))));
        if (cache.TryGetValue(key, out UserCertificateContent? known) && known is not null)
        {
            return known;
        }

        var verified = UserCertificate.Verify(certificate, issuer.SigningPublicKey);
        cache.Set(key, verified, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
        return verified;
    }

    // SECURITY: the caller gets one generic answer for every failed check (mapped from LicenseException);
    // which check failed is written to the server log only.
    private LicenseException Invalid(string reason, object? a, object? b)
    {
        logger.LogWarning("Publishing licence refused: {Reason}", string.Format(CultureInfo.InvariantCulture, reason, a, b));
        return new LicenseException(LicenseError.SignatureInvalid, "The publishing licence is not valid for this appliance.");
    }
}
