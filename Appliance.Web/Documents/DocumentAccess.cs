using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.DirectorySync;
using Appliance.Data.Documents;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Documents;

/// <summary>What a caller wants to do with one registered document.</summary>
public enum DocumentAction
{
    /// <summary>Read its registry facts and its timeline: the owner, administrators and auditors.</summary>
    Read,

    /// <summary>Revoke or un-revoke it: the owner and administrators.</summary>
    Revoke,
}

/// <summary>A caller allowed to act on <see cref="Document"/>; <see cref="CallerName"/> is how records name them.</summary>
public sealed record DocumentAccessGrant(ProtectedDocument Document, string CallerName, bool AsOwner);

/// <summary>
/// Decides who may read or revoke a registered document: its owner, and by role administrators (appliance-wide, so for
/// every tenant's documents), and for reading auditors of the document's organisation (<see cref="OrganisationScope"/>).
/// Roles are read as they stand now, as every role check of the appliance is (<see cref="CurrentRoleHandler"/>).
/// </summary>
public sealed class DocumentAccess(ApplianceDbContext db, IAuthorizationService authorization, OrganisationScope scope, TimeProvider clock)
{
    /// <param name="tracked">Load the row for a change, saved with the usage entry by the endpoint's filter.</param>
    public async Task<DocumentAccessGrant> RequireAsync(
        ClaimsPrincipal principal, Guid contentId, DocumentAction action, UsageRecord usage, bool tracked, CancellationToken ct)
    {
        usage.ContentId = contentId;
        var (callerName, owner) = await IdentifyAsync(principal, ct);
        var documents = tracked ? db.ProtectedDocuments : db.ProtectedDocuments.AsNoTracking();
        var document = await documents.FirstOrDefaultAsync(d => d.ContentId == contentId, ct)
            ?? throw ApplianceProblemException.NotFound($"No document with content id {contentId} is registered.");
        usage.TenantId = document.TenantId;
        usage.OwnerEmail = document.OwnerEmail;
        usage.FileName = document.FileName;
        usage.TemplateId = document.TemplateId;
        usage.DatePublished = document.PublishedAt;

        if (owner is { } o && o.TenantId == document.TenantId && string.Equals(o.Email, document.OwnerEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new DocumentAccessGrant(document, callerName, AsOwner: true);
        }

        var policy = action == DocumentAction.Revoke ? AppliancePolicies.AdminApi : AppliancePolicies.UsageRead;
        if ((await authorization.AuthorizeAsync(principal, policy)).Succeeded)
        {
            // SECURITY: a role held for other organisations gets the answer of a content id that is not registered, so
            // the ids of this organisation's documents are not confirmed to them.
            var role = action == DocumentAction.Revoke ? ApplianceRoles.Administrator : ApplianceRoles.Auditor;
            if (!await scope.MayAsync(principal, role, document.TenantId, ct))
            {
                throw ApplianceProblemException.NotFound($"No document with content id {contentId} is registered.");
            }

            return new DocumentAccessGrant(document, callerName, AsOwner: false);
        }

        throw new ApplianceProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, action == DocumentAction.Revoke
            ? $"Only the document's owner or an administrator can revoke it; {callerName} is neither."
            : $"Only the document's owner, an administrator or an auditor can see its tracking; {callerName} is none of them.");
    }

    /// <summary>
    /// The caller's name, and for a person of an organisation who could own documents, their tenant and address. A
    /// locked or deleted account stops here, whatever its token says; a service is named by its client id.
    /// </summary>
    private async Task<(string Name, (Guid TenantId, string Email)? Owner)> IdentifyAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var subject = principal.FindFirst(Claims.Subject)?.Value;
        if (!Guid.TryParse(subject, out _))
        {
            // Only the token endpoint sets subjects: a service's is its client id, which owns no document.
            return (subject ?? "an unnamed caller", null);
        }

        var user = await LicensingCaller.LoadUserAsync(db, Caller.From(principal), clock, ct);
        var name = user.Email ?? user.UserName ?? user.Id.ToString();
        return user.Source != PrincipalSources.External && user.TenantId is { } tenantId && user.Email is { } email
            ? (name, (tenantId, email))
            : (name, null);
    }
}
