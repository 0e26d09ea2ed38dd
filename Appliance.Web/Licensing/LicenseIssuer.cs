using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Errors;
using Appliance.Web.Groups;
using Appliance.Web.Hosting;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Licensing;

/// <summary>
/// Decides and issues use licences. Each licence costs one unwrap and one signature in the HSM; the
/// caller is the token's identity, never anything the request says.
/// </summary>
public sealed class LicenseIssuer(
    ApplianceDbContext db,
    PublishingLicenseVerifier verifier,
    TenantKeyRing keys,
    GroupResolver groups,
    IOptions<ApplianceOptions> options,
    TimeProvider clock)
{
    public async Task<AcquireLicenseResponse> AcquireAsync(LicensingCaller caller, AcquireLicenseRequest request, UsageRecord usage, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PublishingLicense))
        {
            throw ApplianceProblemException.Validation("The publishing licence is required.");
        }

        var verified = await verifier.VerifyAsync(request.PublishingLicense, ct);
        var content = verified.License.Content;
        usage.ContentId = content.ContentId;
        if (content.TenantId != caller.Tenant.Id)
        {
            throw ApplianceProblemException.Denied($"{caller.Email} belongs to another organisation than this document.");
        }

        var document = await db.ProtectedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.ContentId == content.ContentId, ct)
            ?? throw new ApplianceProblemException(StatusCodes.Status404NotFound, ProblemCodes.ContentNotRegistered,
                "This document was never registered with the appliance.");
        usage.OwnerEmail = document.OwnerEmail;
        usage.FileName = document.FileName;
        usage.TemplateId = document.TemplateId;

        var opened = await PublishingLicense.OpenAsync(verified.License, keys.Unwrapper(verified.TenantKey), ct);
        try
        {
            var callerGroups = PolicyEvaluator.NeedsGroups(opened.Policy, caller.Email)
                ? await groups.GroupEmailsOfAsync(caller.Tenant.Id, caller.User.Id, ct)
                : new HashSet<string>();
            var rights = PolicyEvaluator.RightsOf(opened.Policy, caller.Email, callerGroups);
            if (rights.Count == 0)
            {
                throw ApplianceProblemException.Denied($"{caller.Email} has no rights to this document.");
            }

            usage.Rights = string.Join(',', rights);
            var recipientKey = request.PublicKey ?? await BootstrappedKeyAsync(caller, ct);
            var wrappedKey = WrapFor(recipientKey, opened.ContentKey);
            var signing = await keys.ActiveAsync(caller.Tenant.Id, ct);
            var now = clock.GetUtcNow();
            var license = new UseLicenseContent(1, content.ContentId, content.TenantId, caller.Email, rights, now,
                ValidUntil(opened.Policy, now), KeyWrapAlgorithm.RsaOaepSha256, wrappedKey, opened.Policy, null);
            return new AcquireLicenseResponse(await UseLicense.IssueAsync(license, keys.SigningKey(signing), ct));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.ContentKey);
        }
    }

    private DateTimeOffset? ValidUntil(ProtectionPolicy policy, DateTimeOffset now)
    {
        var days = Math.Min(policy.OfflineDays ?? options.Value.DefaultOfflineDays, options.Value.MaxOfflineDays);
        var until = days <= 0 ? (DateTimeOffset?)null : now.AddDays(days);
        return policy.ExpiresAt is { } expires && until > expires ? expires : until;
    }

    private async Task<byte[]> BootstrappedKeyAsync(LicensingCaller caller, CancellationToken ct) =>
        await db.UserKeyPairs.AsNoTracking().Where(k => k.UserId == caller.User.Id).Select(k => k.PublicKey).FirstOrDefaultAsync(ct)
        ?? throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.NotBootstrapped,
            "Bootstrap this device first, or send the public key to wrap the content key to.");

    private static byte[] WrapFor(byte[] recipientKey, byte[] contentKey)
    {
        try
        {
            // The recipient's key is an ordinary RSA key outside the HSM, so OAEP with SHA-256 is always available.
            return RsaKeyWrap.Wrap(recipientKey, contentKey, KeyWrapAlgorithm.RsaOaepSha256);
        }
        catch (CryptographicException)
        {
            throw ApplianceProblemException.Validation("The public key is not an RSA SubjectPublicKeyInfo.");
        }
    }
}
