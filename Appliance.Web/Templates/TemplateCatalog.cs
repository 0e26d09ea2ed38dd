using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Templates;
using Appliance.Web.Errors;
using Appliance.Web.Groups;
using Appliance.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Appliance.Web.Templates;

/// <summary>
/// Templates as users meet them: the ones they may apply, and the check at registration that a policy claiming
/// to come from a template is that template's, for a caller allowed to use it.
/// </summary>
public sealed class TemplateCatalog(ApplianceDbContext db, GroupResolver groups, TimeProvider clock)
{
    /// <summary>
    /// How far a policy's "N days after protection" expiry may be from the licence's issue time plus N days: the
    /// client computes both from its clock a moment apart.
    /// </summary>
    public static readonly TimeSpan ExpirySkew = TimeSpan.FromMinutes(5);

    /// <summary>Published templates of the caller's organisation whose scope includes the caller, in their language.</summary>
    public async Task<List<AvailableTemplate>> AvailableAsync(LicensingCaller caller, IReadOnlyList<StringWithQualityHeaderValue> acceptLanguage, CancellationToken ct)
    {
        var templates = await db.Templates.AsNoTracking().Where(t => t.TenantId == caller.Tenant.Id && !t.IsArchived).ToListAsync(ct);
        IReadOnlySet<string>? callerGroups = null;
        var result = new List<(bool IsDefault, AvailableTemplate Template)>();
        foreach (var template in templates)
        {
            if (template.ScopeGroups is not null)
            {
                callerGroups ??= await groups.GroupEmailsOfAsync(caller.Tenant.Id, caller.User.Id, ct);
                if (!template.ScopeGroups.Any(callerGroups.Contains))
                {
                    continue;
                }
            }

            result.Add((template.IsDefault, TemplateViews.Available(template, acceptLanguage, caller.Tenant.MaxOfflineDays)));
        }

        return [.. result.OrderByDescending(t => t.IsDefault).ThenBy(t => t.Template.Name, StringComparer.CurrentCultureIgnoreCase).Select(t => t.Template)];
    }

    /// <summary>
    /// Refuses a registration whose policy names a template that is unknown, out of the caller's scope, archived,
    /// or that says something else than the template; otherwise marks the template used (saved with the registration).
    /// </summary>
    public async Task CheckRegistrationAsync(LicensingCaller caller, ProtectionPolicy policy, DateTimeOffset issuedAt, CancellationToken ct)
    {
        if (policy.TemplateId is not { } id)
        {
            return;
        }

        var template = await UsableAsync(caller, id, policy.TemplateName, ct);
        if (Difference(template, policy, issuedAt, caller.Tenant.MaxOfflineDays) is { } what)
        {
            throw new ApplianceProblemException(StatusCodes.Status400BadRequest, ProblemCodes.TemplateMismatch,
                $"The policy does not match the template '{TemplateViews.NameOf(template)}' (its {what}): fetch the templates again and protect with the current one.");
        }

        template.FirstUsedAt ??= clock.GetUtcNow();
    }

    /// <summary>
    /// The policy of a template the caller may apply, as a client would build it, for content the appliance protects
    /// itself (server-side publishing); the template is marked used (saved with the registration).
    /// </summary>
    public async Task<ProtectionPolicy> PolicyForAsync(LicensingCaller caller, Guid templateId, DateTimeOffset protectedAt, CancellationToken ct)
    {
        var template = await UsableAsync(caller, templateId, null, ct);
        var view = TemplateViews.Available(template, [], caller.Tenant.MaxOfflineDays);
        view.Expiry.TryResolve(protectedAt, out var expiresAt);
        template.FirstUsedAt ??= clock.GetUtcNow();
        return new ProtectionPolicy(caller.Email.ToLowerInvariant(), view.Grants, expiresAt, view.OfflineDays, template.Id, view.Name);
    }

    /// <summary>The template, tracked, when it is the caller's to apply: in scope and published.</summary>
    private async Task<RightsTemplate> UsableAsync(LicensingCaller caller, Guid id, string? nameForMessage, CancellationToken ct)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id && t.TenantId == caller.Tenant.Id, ct);
        // An out-of-scope template is refused like an unknown one, so department templates stay unseen outside it.
        if (template is null || !await InScopeAsync(template, caller, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status404NotFound, ProblemCodes.TemplateNotFound,
                $"The template {nameForMessage ?? id.ToString()} is not available to {caller.Email}.");
        }

        if (template.IsArchived)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TemplateArchived,
                $"The template '{TemplateViews.NameOf(template)}' is archived: it still opens content protected with it, but cannot protect new content.");
        }

        return template;
    }

    private async Task<bool> InScopeAsync(RightsTemplate template, LicensingCaller caller, CancellationToken ct)
    {
        if (template.ScopeGroups is null)
        {
            return true;
        }

        var callerGroups = await groups.GroupEmailsOfAsync(caller.Tenant.Id, caller.User.Id, ct);
        return template.ScopeGroups.Any(callerGroups.Contains);
    }

    /// <summary>What part of the policy is not the template's, or null when it all is.</summary>
    private static string? Difference(RightsTemplate template, ProtectionPolicy policy, DateTimeOffset issuedAt, int tenantMaxOfflineDays)
    {
        var expected = TemplateViews.PolicyGrants(template).ToDictionary(g => g.Principal, g => g.Rights, StringComparer.Ordinal);
        if (policy.Grants.Count != expected.Count
            || policy.Grants.Any(g => !expected.TryGetValue(g.Principal, out var rights) || !rights.SequenceEqual(g.Rights, StringComparer.Ordinal)))
        {
            return "grants";
        }

        var expiryMatches = template.ExpiryMode switch
        {
            TemplateExpiryMode.Never => policy.ExpiresAt is null,
            TemplateExpiryMode.OnDate => policy.ExpiresAt == template.ExpiresOn,
            TemplateExpiryMode.AfterDays => policy.ExpiresAt is { } at
                && (at - issuedAt.AddDays(template.ExpiresAfterDays ?? 0)).Duration() <= ExpirySkew,
        };
        if (!expiryMatches)
        {
            return "expiry";
        }

        if (policy.OfflineDays != TemplateViews.PolicyOfflineDays(template, tenantMaxOfflineDays))
        {
            return "offline days";
        }

        return policy.TemplateName is null || template.Texts.Any(t => t.Name == policy.TemplateName) ? null : "template name";
    }
}
