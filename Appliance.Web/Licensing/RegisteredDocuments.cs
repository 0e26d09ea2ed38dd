using System.Security.Cryptography;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Documents;
using Appliance.Web.Errors;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Licensing;

/// <summary>
/// The registry as licensing sees it: a registration is found through the verified publishing licence that was
/// registered, never through the content id alone. Anyone holding a content key can write a new, validly signed
/// licence for the same content id (owner = themselves, any grants); only the binding to the registered licence tells
/// it apart. Every read of <c>ProtectedDocuments</c> in licensing goes through here (a test holds the code to that).
/// </summary>
public sealed class RegisteredDocuments(ApplianceDbContext db, ILogger<RegisteredDocuments> logger)
{
    /// <summary>
    /// The registration <paramref name="verified"/> was registered as.
    /// </summary>
    /// <exception cref="ApplianceProblemException">
    /// <c>404 content-not-registered</c> when the content id is unknown, and the very same answer when it is registered
    /// for another licence, another tenant or another signer.
    /// </exception>
    public async Task<ProtectedDocument> BoundToAsync(VerifiedPublishingLicense verified, CancellationToken ct)
    {
        var content = verified.License.Content;
        var document = await db.ProtectedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.ContentId == content.ContentId, ct);
        if (document is null)
        {
            throw NotRegistered();
        }

        if (!IsBound(document, verified))
        {
            logger.LogWarning(
                "Licence refused: a publishing licence for content {ContentId} (tenant {TenantId}, signer {Signer}) is not the one registered for it",
                content.ContentId, content.TenantId, verified.SignerEmail ?? "the tenant");
            throw NotRegistered();
        }

        return document;
    }

    /// <summary>
    /// The registration of the content id <paramref name="verified"/> names, whichever licence made it, for the
    /// registration endpoint only: it decides between an idempotent retry and a clash.
    /// </summary>
    public Task<ProtectedDocument?> ExistingAsync(VerifiedPublishingLicense verified, CancellationToken ct)
    {
        var contentId = verified.License.Content.ContentId;
        return db.ProtectedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.ContentId == contentId, ct);
    }

    /// <summary>
    /// Whether <paramref name="verified"/> is the licence <paramref name="document"/> was registered with: the same
    /// tenant and, since the binding exists, the same signed bytes. A registration from before it (no digest) is held
    /// to what it recorded: its tenant, and a signer who is its owner (client-side) or the tenant itself (server-side);
    /// the policy's owner is checked once the licence is opened (<see cref="RequireRegisteredOwner"/>).
    /// </summary>
    public static bool IsBound(ProtectedDocument document, VerifiedPublishingLicense verified)
    {
        var content = verified.License.Content;
        if (document.ContentId != content.ContentId || document.TenantId != content.TenantId)
        {
            return false;
        }

        if (document.PublishingLicenseDigest is { } registered)
        {
            return CryptographicOperations.FixedTimeEquals(registered, verified.License.RegistrationDigest());
        }

        return verified.SignerUserId is null
            || string.Equals(verified.SignerEmail, document.OwnerEmail, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Refuses a licence whose policy names another owner than the registration: the owner's exemptions (every right,
    /// revocation, expiry) belong to the registered owner only.
    /// </summary>
    public void RequireRegisteredOwner(ProtectedDocument document, ProtectionPolicy policy)
    {
        if (!string.Equals(policy.Owner, document.OwnerEmail, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Licence refused: the publishing licence for content {ContentId} names another owner than its registration",
                document.ContentId);
            throw NotRegistered();
        }
    }

    // SECURITY: an unknown content id and one registered for another licence, tenant or signer get one answer, so the
    // answer tells nobody which content ids exist, to whom they belong, or whether they were revoked.
    private static ApplianceProblemException NotRegistered() =>
        new(StatusCodes.Status404NotFound, ProblemCodes.ContentNotRegistered, "This publishing licence is not registered with the appliance.");
}
