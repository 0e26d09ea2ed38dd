using System.Security.Cryptography;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Documents;
using Appliance.Web.Errors;
using Appliance.Web.Templates;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;

namespace Appliance.Web.Licensing;

/// <summary>
/// Registers content protected by a client, so that it can be tracked and revoked. The registration is
/// saved together with its usage entry.
/// </summary>
public sealed class ContentRegistration(
    ApplianceDbContext db, PublishingLicenseVerifier verifier, RegisteredDocuments registry, TenantKeyRing keys, TemplateCatalog templates,
    TimeProvider clock)
{
    public async Task<RegisterContentResponse> RegisterAsync(LicensingCaller caller, RegisterContentRequest request, UsageRecord usage, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PublishingLicense))
        {
            throw ApplianceProblemException.Validation("The publishing licence is required.");
        }

        var verified = await verifier.VerifyAsync(request.PublishingLicense, ct);
        var content = verified.License.Content;
        usage.ContentId = content.ContentId;
        usage.FileName = UsageRecord.BareFileName(request.FileName);
        if (verified.SignerUserId != caller.User.Id || content.TenantId != caller.Tenant.Id)
        {
            throw ApplianceProblemException.Denied("A publishing licence can only be registered by the user who signed it.");
        }

        var opened = await PublishingLicense.OpenAsync(verified.License, keys.Unwrapper(verified.TenantKey), ct);
        CryptographicOperations.ZeroMemory(opened.ContentKey);
        var policy = opened.Policy;
        usage.OwnerEmail = policy.Owner;
        usage.TemplateId = policy.TemplateId;
        usage.Issuer = verified.SignerEmail;
        usage.DatePublished = content.IssuedAt;
        if (!string.Equals(policy.Owner, caller.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw ApplianceProblemException.Validation("The policy's owner must be the user who publishes the content.");
        }

        var existing = await registry.ExistingAsync(verified, ct);
        if (existing is not null)
        {
            // A retried registration of the very same licence is harmless; any other licence for this content id is a
            // clash, its owner's included: a new policy takes a new content id (reprotect).
            return RegisteredDocuments.IsBound(existing, verified)
                && string.Equals(existing.OwnerEmail, policy.Owner, StringComparison.OrdinalIgnoreCase)
                ? new RegisterContentResponse(existing.ContentId, existing.RegisteredAt)
                : throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.Conflict,
                    "Content with this id is already registered.");
        }

        // The policy is signed by the caller, so a template id in it proves nothing: it must be the template's policy.
        await templates.CheckRegistrationAsync(caller, policy, content.IssuedAt, ct);
        var now = clock.GetUtcNow();
        db.ProtectedDocuments.Add(new ProtectedDocument
        {
            ContentId = content.ContentId,
            TenantId = content.TenantId,
            PublishingLicenseDigest = verified.License.RegistrationDigest(),
            OwnerEmail = policy.Owner,
            FileName = usage.FileName,
            NotifyOwner = request.NotifyOwner,
            TemplateId = policy.TemplateId,
            PublishedAt = content.IssuedAt,
            RegisteredAt = now,
        });
        // Saved with the usage entry by the endpoint's usage filter, in one transaction.
        return new RegisterContentResponse(content.ContentId, now);
    }
}
