using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data;
using Appliance.Data.Documents;
using Appliance.Data.Tenants;
using Appliance.Data.Users;
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
    RegisteredDocuments registry,
    TenantKeyRing keys,
    GroupResolver groups,
    SuperUsers.SuperUsers superUsers,
    IOptions<ApplianceOptions> options,
    TimeProvider clock)
{
    public Task<AcquireLicenseResponse> AcquireAsync(LicensingCaller caller, AcquireLicenseRequest request, UsageRecord usage, CancellationToken ct) =>
        IssueAsync(new Recipient(caller.User.Id, caller.Email, caller.Tenant), request, usage, ct);

    /// <summary>
    /// For a recipient outside every organisation: a document of any tenant, but only through grants
    /// naming their own address (never a group: they belong to none), signed by the document's tenant.
    /// </summary>
    public Task<AcquireLicenseResponse> AcquireForExternalAsync(ApplianceUser user, AcquireLicenseRequest request, UsageRecord usage, CancellationToken ct)
    {
        if (request.PublicKey is not { Length: > 0 })
        {
            // No bootstrap, so no key pair on the appliance: the device's own key receives the content key.
            throw ApplianceProblemException.Validation("An external recipient must send the public key to wrap the content key to.");
        }

        return IssueAsync(new Recipient(user.Id, user.Email!, Tenant: null), request, usage, ct);
    }

    /// <summary>
    /// For a service principal an administrator authorised to read the document's tenant's content (all of it, or
    /// that of given templates): the rights of its authorisation, VIEW and EXTRACT unless more were granted, never the
    /// policy's grants. The content key is wrapped for the key the service sends, as it has no bootstrap.
    /// </summary>
    public async Task<AcquireLicenseResponse> AcquireForServiceAsync(string clientId, AcquireLicenseRequest request, UsageRecord usage, CancellationToken ct)
    {
        if (request.PublicKey is not { Length: > 0 })
        {
            throw ApplianceProblemException.Validation("A service must send the public key to wrap the content key to.");
        }

        var (verified, document) = await RegisteredAsync(request, usage, requiredTenant: null, clientId, ct);
        var content = verified.License.Content;
        // Checked before the HSM unwraps anything: an unauthorised service costs no HSM operation.
        var grant = await db.ServiceContentGrants.AsNoTracking().FirstOrDefaultAsync(g => g.ClientId == clientId && g.TenantId == content.TenantId, ct)
            ?? throw ApplianceProblemException.Denied($"{clientId} is not authorised to read this organisation's content.");
        if (grant.TemplateIds is { } templates && (document.TemplateId is not { } templateId || !templates.Contains(templateId)))
        {
            throw ApplianceProblemException.Denied($"{clientId} may read only content protected with the templates it is authorised for.");
        }

        var opened = await OpenAsync(verified, document, ct);
        try
        {
            var now = clock.GetUtcNow();
            LicenceConditions.Enforce(document, opened.Policy, clientId, now);
            var rights = UsageRights.Parse(grant.Rights);
            return await SignAsync(content, opened, clientId, rights, null, request.PublicKey, null, exemptFromExpiry: false, now, usage, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.ContentKey);
        }
    }

    /// <param name="recipient">TenantId null: an external recipient, who may open any tenant's document granted to their address.</param>
    private async Task<AcquireLicenseResponse> IssueAsync(Recipient recipient, AcquireLicenseRequest request, UsageRecord usage, CancellationToken ct)
    {
        var (verified, document) = await RegisteredAsync(request, usage, recipient.TenantId, recipient.Email, ct);
        var content = verified.License.Content;
        var opened = await OpenAsync(verified, document, ct);
        try
        {
            var callerGroups = recipient.TenantId is { } groupTenant && PolicyEvaluator.NeedsGroups(opened.Policy, recipient.Email)
                ? await groups.GroupEmailsOfAsync(groupTenant, recipient.UserId, ct)
                : new HashSet<string>();
            var rights = PolicyEvaluator.RightsOf(opened.Policy, recipient.Email, callerGroups, organisationMember: recipient.TenantId is not null);
            string? actingAs = null;
            if (!rights.Contains(UsageRights.Owner) && recipient.Tenant is { } tenant
                && await superUsers.IsSuperUserAsync(tenant, recipient.UserId, recipient.Email, ct))
            {
                // A super user holds every right on the tenant's content, and the log says for whom they acted.
                rights = UsageRights.All;
                actingAs = opened.Policy.Owner;
                usage.ActingAs = actingAs;
            }

            if (rights.Count == 0)
            {
                throw ApplianceProblemException.Denied($"{recipient.Email} has no rights to this document.");
            }

            var now = clock.GetUtcNow();
            var superUser = actingAs is not null;
            LicenceConditions.Enforce(document, opened.Policy, recipient.Email, now, superUser);
            var recipientKey = request.PublicKey ?? await BootstrappedKeyAsync(recipient.UserId, ct);
            return await SignAsync(content, opened, recipient.Email, rights, actingAs, recipientKey, recipient.Tenant?.MaxOfflineDays,
                LicenceConditions.IsExemptFromExpiry(opened.Policy, recipient.Email, superUser), now, usage, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.ContentKey);
        }
    }

    /// <summary>
    /// The verified publishing licence and the registration it is bound to (<see cref="RegisteredDocuments"/>), refused
    /// across organisations when one is required. The usage entry names the document only once the binding holds, so a
    /// licence written for someone else's content id never appears in that document's tracking.
    /// </summary>
    private async Task<(VerifiedPublishingLicense Verified, ProtectedDocument Document)> RegisteredAsync(
        AcquireLicenseRequest request, UsageRecord usage, Guid? requiredTenant, string caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PublishingLicense))
        {
            throw ApplianceProblemException.Validation("The publishing licence is required.");
        }

        var verified = await verifier.VerifyAsync(request.PublishingLicense, ct);
        var content = verified.License.Content;
        usage.TenantId ??= content.TenantId;
        var document = await registry.BoundToAsync(verified, ct);
        usage.ContentId = document.ContentId;
        usage.OwnerEmail = document.OwnerEmail;
        usage.FileName = document.FileName;
        usage.TemplateId = document.TemplateId;
        usage.Issuer = verified.SignerEmail ?? document.OwnerEmail;
        usage.DatePublished = document.PublishedAt;
        usage.NotifyOwner = document.NotifyOwner;
        if (requiredTenant is { } tenantId && document.TenantId != tenantId)
        {
            throw ApplianceProblemException.Denied($"{caller} belongs to another organisation than this document.");
        }

        return (verified, document);
    }

    /// <summary>Opens the licence in the HSM and holds its policy to the registered owner.</summary>
    private async Task<OpenedPublishingLicense> OpenAsync(VerifiedPublishingLicense verified, ProtectedDocument document, CancellationToken ct)
    {
        var opened = await PublishingLicense.OpenAsync(verified.License, keys.Unwrapper(verified.TenantKey), ct);
        try
        {
            registry.RequireRegisteredOwner(document, opened.Policy);
            return opened;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(opened.ContentKey);
            throw;
        }
    }

    /// <summary>Wraps the content key for the recipient and signs the use licence with the tenant's active key.</summary>
    private async Task<AcquireLicenseResponse> SignAsync(
        PublishingLicenseContent content, OpenedPublishingLicense opened, string issuedTo, IReadOnlyList<string> rights, string? actingAs,
        byte[] recipientKey, int? tenantMaxOfflineDays, bool exemptFromExpiry, DateTimeOffset now, UsageRecord usage, CancellationToken ct)
    {
        usage.Rights = string.Join(',', rights);
        var wrappedKey = WrapFor(recipientKey, opened.ContentKey);
        var signing = await keys.ActiveAsync(content.TenantId, ct);
        var maxOfflineDays = tenantMaxOfflineDays ?? await MaxOfflineDaysAsync(content.TenantId, ct);
        var validUntil = ValidUntil(opened.Policy, maxOfflineDays, now, boundByExpiry: !exemptFromExpiry);
        var license = new UseLicenseContent(1, content.ContentId, content.TenantId, issuedTo, rights, now,
            validUntil, KeyWrapAlgorithm.RsaOaepSha256, wrappedKey, opened.Policy, actingAs);
        return new AcquireLicenseResponse(await UseLicense.IssueAsync(license, keys.SigningKey(signing), ct));
    }

    /// <summary>
    /// The document's tenant caps offline use at issue time, not at protection time, so lowering the cap reaches
    /// content protected before the change.
    /// </summary>
    /// <param name="boundByExpiry">
    /// Whether the expiry binds the caller: a licence is cut to it, so no one uses content offline past it. The owner
    /// is not bound (they may open it after expiry too), so their licence is not cut: cut to an expiry already past,
    /// it would be of no use offline at all.
    /// </param>
    private DateTimeOffset? ValidUntil(ProtectionPolicy policy, int tenantMaxOfflineDays, DateTimeOffset now, bool boundByExpiry)
    {
        var days = Math.Min(policy.OfflineDays ?? options.Value.DefaultOfflineDays, tenantMaxOfflineDays);
        var until = days <= 0 ? (DateTimeOffset?)null : now.AddDays(days);
        return boundByExpiry && policy.ExpiresAt is { } expires && until > expires ? expires : until;
    }

    private async Task<int> MaxOfflineDaysAsync(Guid tenantId, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.MaxOfflineDays).FirstAsync(ct);

    private async Task<byte[]> BootstrappedKeyAsync(Guid userId, CancellationToken ct) =>
        await db.UserKeyPairs.AsNoTracking().Where(k => k.UserId == userId).Select(k => k.PublicKey).FirstOrDefaultAsync(ct)
        ?? throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.NotBootstrapped,
            "Bootstrap this device first, or send the public key to wrap the content key to.");

    private static byte[] WrapFor(byte[] recipientKey, byte[] contentKey)
    {
        try
        {
            // The recipient's key is an ordinary RSA key outside the HSM, so OAEP with SHA-256 is always available.
            return RsaKeyWrap.Wrap(recipientKey, contentKey, KeyWrapAlgorithm.RsaOaepSha256);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw ApplianceProblemException.Validation("The public key is not an RSA SubjectPublicKeyInfo of at least 2048 bits.");
        }
    }

    /// <param name="Tenant">The tenant of an organisation's user; null for an external recipient.</param>
    private sealed record Recipient(Guid UserId, string Email, Tenant? Tenant)
    {
        public Guid? TenantId => Tenant?.Id;
    }
}
