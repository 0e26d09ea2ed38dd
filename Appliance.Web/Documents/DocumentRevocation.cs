using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Usage;

namespace Appliance.Web.Documents;

/// <summary>
/// Revokes and un-revokes documents. The change is left pending on the context: the usage filter saves it with its
/// usage entry in one unit of work, and LicenseIssuer reads the row on every licence request, on every node.
/// </summary>
public sealed class DocumentRevocation(DocumentAccess access, DocumentTracking tracking, TimeProvider clock)
{
    /// <summary>
    /// Stops every new licence but the owner's. Revoking a revoked document changes nothing: who revoked it and when
    /// stay those of the first revocation.
    /// </summary>
    public async Task<DocumentDetails> RevokeAsync(ClaimsPrincipal principal, Guid contentId, UsageRecord usage, CancellationToken ct)
    {
        var grant = await access.RequireAsync(principal, contentId, DocumentAction.Revoke, usage, tracked: true, ct);
        var document = grant.Document;
        if (document.RevokedAt is null)
        {
            // To the microsecond both databases keep, so this answer says what every later read says.
            document.RevokedAt = StoredInstant.Of(clock.GetUtcNow());
            document.RevokedBy = grant.CallerName;
        }

        Record(grant, usage, DocumentRequestTypes.RevokeAccess);
        return await tracking.DetailsAsync(document, ct);
    }

    /// <summary>Lets licences be issued again as the policy says; un-revoking a document that is not revoked changes nothing.</summary>
    public async Task<DocumentDetails> UnrevokeAsync(ClaimsPrincipal principal, Guid contentId, UsageRecord usage, CancellationToken ct)
    {
        var grant = await access.RequireAsync(principal, contentId, DocumentAction.Revoke, usage, tracked: true, ct);
        grant.Document.RevokedAt = null;
        grant.Document.RevokedBy = null;
        Record(grant, usage, DocumentRequestTypes.UnrevokeAccess);
        return await tracking.DetailsAsync(grant.Document, ct);
    }

    // An administrator acting on someone else's document is an administrative act, so it is in the admin log too.
    private static void Record(DocumentAccessGrant grant, UsageRecord usage, string action)
    {
        if (!grant.AsOwner)
        {
            usage.AdminAction = $"{action} {grant.Document.ContentId} of {grant.Document.OwnerEmail}";
        }
    }
}
