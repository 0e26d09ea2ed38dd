using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Crypto.Wire;
using Appliance.Data;
using Appliance.Data.Documents;
using Appliance.Web.Errors;
using Appliance.Web.Templates;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Appliance.Web.Users;

namespace Appliance.Web.Licensing;

/// <summary>
/// Protection done by the appliance for a client that cannot hold a user key: the content key is made here, the
/// publishing licence signed with the tenant signing key in the HSM, the document registered, and the content key
/// handed back only wrapped for the caller's public key. The registration is saved with its usage entry.
/// </summary>
public sealed class ServerPublishing(ApplianceDbContext db, TenantKeyRing keys, TemplateCatalog templates, TimeProvider clock)
{
    public const int MaxGrants = 100;

    public async Task<ServerPublishResponse> PublishAsync(LicensingCaller caller, ServerPublishRequest request, UsageRecord usage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        usage.FileName = UsageRecord.BareFileName(request.FileName);
        var policy = request.TemplateId is { } templateId
            ? await FromTemplateAsync(caller, templateId, request, now, ct)
            : AdHoc(caller, request, now);
        usage.OwnerEmail = policy.Owner;
        usage.TemplateId = policy.TemplateId;
        usage.Issuer = caller.Email;
        usage.DatePublished = now;

        var contentId = Guid.NewGuid();
        var contentKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            // Wrapped first: a bad public key is refused before the HSM signs anything.
            var wrapped = WrapFor(request.PublicKey, contentKey);
            var active = await keys.ActiveAsync(caller.Tenant.Id, ct);
            var license = await PublishingLicense.CreateAsync(
                new PublishingLicenseRequest(contentId, caller.Tenant.Id, caller.Email, active.KeyId, active.EncryptionPublicKey,
                    AlgorithmNames.ParseWrap(active.WrapAlgorithm), policy, contentKey),
                keys.SigningKey(active), signerCertificate: null, ct);
            usage.ContentId = contentId;
            db.ProtectedDocuments.Add(new ProtectedDocument
            {
                ContentId = contentId,
                TenantId = caller.Tenant.Id,
                PublishingLicenseDigest = PublishingLicense.Parse(license).RegistrationDigest(),
                OwnerEmail = policy.Owner,
                FileName = usage.FileName,
                NotifyOwner = request.NotifyOwner,
                TemplateId = policy.TemplateId,
                PublishedAt = now,
                RegisteredAt = now,
            });
            return new ServerPublishResponse(contentId, license, WireNames.Of(KeyWrapAlgorithm.RsaOaepSha256), wrapped, now);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    private async Task<ProtectionPolicy> FromTemplateAsync(
        LicensingCaller caller, Guid templateId, ServerPublishRequest request, DateTimeOffset now, CancellationToken ct) =>
        request.Grants is not null || request.ExpiresAt is not null || request.OfflineDays is not null
            ? throw ApplianceProblemException.Validation("Send either templateId or an ad-hoc policy (grants, expiresAt, offlineDays), not both.")
            : await templates.PolicyForAsync(caller, templateId, now, ct);

    private static ProtectionPolicy AdHoc(LicensingCaller caller, ServerPublishRequest request, DateTimeOffset now)
    {
        var grants = request.Grants ?? [];
        if (grants.Count > MaxGrants)
        {
            throw ApplianceProblemException.Validation($"At most {MaxGrants} grants.");
        }

        var normalised = new List<RightsGrant>(grants.Count);
        foreach (var grant in grants)
        {
            if (grant is null)
            {
                throw ApplianceProblemException.Validation("A grant is empty.");
            }

            var principal = string.Equals(grant.Principal?.Trim(), TemplatePrincipals.Organization, StringComparison.OrdinalIgnoreCase)
                ? TemplatePrincipals.Organization
                : UserAdministration.NormaliseEmail(grant.Principal);
            IReadOnlyList<string> rights;
            try
            {
                rights = UsageRights.Parse(string.Join(',', grant.Rights ?? []));
            }
            catch (ArgumentException ex)
            {
                throw ApplianceProblemException.Validation($"The grant to {principal}: {ex.Message}");
            }

            normalised.Add(rights.Count > 0
                ? new RightsGrant(principal, rights)
                : throw ApplianceProblemException.Validation($"The grant to {principal} names no right."));
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw ApplianceProblemException.Validation($"expiresAt ({expires:u}) is not in the future.");
        }

        if (request.OfflineDays is < 0 or > TenantSettingsAdministration.MaxOfflineDaysLimit)
        {
            throw ApplianceProblemException.Validation($"offlineDays must be between 0 and {TenantSettingsAdministration.MaxOfflineDaysLimit}.");
        }

        return new ProtectionPolicy(caller.Email.ToLowerInvariant(), normalised, request.ExpiresAt, request.OfflineDays, null, null);
    }

    private static byte[] WrapFor(byte[]? publicKey, byte[] contentKey)
    {
        if (publicKey is not { Length: > 0 })
        {
            throw ApplianceProblemException.Validation("publicKey is required: the SubjectPublicKeyInfo of the RSA key to wrap the content key for.");
        }

        try
        {
            return RsaKeyWrap.Wrap(publicKey, contentKey, KeyWrapAlgorithm.RsaOaepSha256);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw ApplianceProblemException.Validation("publicKey is not an RSA SubjectPublicKeyInfo of at least 2048 bits.");
        }
    }
}
