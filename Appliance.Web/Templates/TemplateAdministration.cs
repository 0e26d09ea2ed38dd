using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Templates;
using Appliance.Data.Tenants;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Templates;

/// <summary>
/// What template administrators do: list, validate, create, update, copy, archive, publish and delete. Changes
/// are left pending on the context; the caller saves them with its audit entry (the admin API's usage filter,
/// or the portal's audit). The wizard can call <see cref="ValidateAsync"/> after each step and show the
/// errors whose field belongs to it.
/// <para>
/// Every call names its caller: a template administrator reaches only the organisations the role is held for
/// (<see cref="OrganisationScope"/>). An organisation named out of reach is <c>403 forbidden</c>; a template of one is
/// answered as one that does not exist, so another organisation's template ids are never confirmed.
/// </para>
/// </summary>
public sealed class TemplateAdministration(ApplianceDbContext db, TimeProvider clock, OrganisationScope scope)
{
    private const string Role = ApplianceRoles.TemplateAdministrator;

    /// <summary>Custom templates (the defaults made at activation do not count) a tenant may have.</summary>
    public const int MaxCustomTemplates = 500;

    /// <summary>Finds a tenant by id, one of its domains, or its exact name, among those the caller reaches.</summary>
    public async Task<Tenant> TenantAsync(ClaimsPrincipal caller, string tenant, CancellationToken ct)
    {
        var key = (tenant ?? string.Empty).Trim();
        Tenant? found;
        if (Guid.TryParse(key, out var id))
        {
            found = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        }
        else
        {
            var domain = key.ToLowerInvariant();
            var byDomain = await db.TenantDomains.AsNoTracking().Where(d => d.Domain == domain).Select(d => (Guid?)d.TenantId).FirstOrDefaultAsync(ct);
            found = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == byDomain || t.Name == key, ct);
        }

        if (found is null)
        {
            throw ApplianceProblemException.NotFound($"There is no activated organisation '{key}'.");
        }

        await scope.RequireAsync(caller, Role, found.Id, ct);
        return found;
    }

    public async Task<List<TemplateDetails>> ListAsync(ClaimsPrincipal caller, Guid tenantId, CancellationToken ct)
    {
        await scope.RequireAsync(caller, Role, tenantId, ct);
        var templates = await db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId).ToListAsync(ct);
        return [.. templates.OrderByDescending(t => t.IsDefault).ThenBy(TemplateViews.NameOf, StringComparer.CurrentCultureIgnoreCase).Select(TemplateViews.Details)];
    }

    public async Task<TemplateDetails> GetAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct) =>
        TemplateViews.Details(await FindAsync(caller, id, ct));

    /// <summary>Every broken rule of <paramref name="request"/>, none when it could be saved as it is.</summary>
    /// <param name="templateId">The template being edited, whose own names are not taken; null for a new one.</param>
    public async Task<IReadOnlyList<TemplateFieldError>> ValidateAsync(
        ClaimsPrincipal caller, Guid tenantId, TemplateRequest request, Guid? templateId, CancellationToken ct)
    {
        await scope.RequireAsync(caller, Role, tenantId, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct)
            ?? throw ApplianceProblemException.NotFound($"There is no activated organisation '{tenantId}'.");
        return (await CheckAsync(tenant, request, templateId, ct)).Errors;
    }

    public async Task<TemplateDetails> CreateAsync(ClaimsPrincipal caller, Guid tenantId, TemplateRequest request, CancellationToken ct)
    {
        await scope.RequireAsync(caller, Role, tenantId, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct)
            ?? throw ApplianceProblemException.NotFound($"There is no activated organisation '{tenantId}'.");
        var valid = Require(await CheckAsync(tenant, request, null, ct));
        await RequireRoomAsync(tenantId, ct);
        var now = clock.GetUtcNow();
        var template = new RightsTemplate { Id = Guid.NewGuid(), TenantId = tenantId, CreatedAt = now };
        Apply(template, valid, now);
        db.Templates.Add(template);
        return TemplateViews.Details(template);
    }

    /// <summary>Replaces everything the request carries. Content already protected keeps the policy it was protected with.</summary>
    public async Task<TemplateDetails> UpdateAsync(ClaimsPrincipal caller, Guid id, TemplateRequest request, CancellationToken ct)
    {
        var template = await FindAsync(caller, id, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == template.TenantId, ct);
        var valid = Require(await CheckAsync(tenant, request, id, ct));
        Apply(template, valid, clock.GetUtcNow());
        return TemplateViews.Details(template);
    }

    /// <summary>A new, archived template with the same settings, named "… (copy)", to edit and publish.</summary>
    public async Task<TemplateDetails> CopyAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct)
    {
        var source = await FindAsync(caller, id, ct);
        await RequireRoomAsync(source.TenantId, ct);
        var taken = await TakenNamesAsync(source.TenantId, null, ct);
        var now = clock.GetUtcNow();
        var copy = new RightsTemplate
        {
            Id = Guid.NewGuid(),
            TenantId = source.TenantId,
            Texts = [.. source.Texts.Select(t => new TemplateText { Language = t.Language, Name = CopyName(t.Name, taken), Description = t.Description })],
            Grants = [.. source.Grants.Select(g => new TemplateGrantEntry { Principal = g.Principal, Preset = g.Preset, Rights = g.Rights })],
            ExpiryMode = source.ExpiryMode,
            ExpiresOn = source.ExpiresOn,
            ExpiresAfterDays = source.ExpiresAfterDays,
            OfflineMode = source.OfflineMode,
            OfflineDays = source.OfflineDays,
            ScopeGroups = source.ScopeGroups is null ? null : [.. source.ScopeGroups],
            IsArchived = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Templates.Add(copy);
        return TemplateViews.Details(copy);
    }

    public Task<TemplateDetails> ArchiveAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct) => SetArchivedAsync(caller, id, archived: true, ct);

    public Task<TemplateDetails> PublishAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct) => SetArchivedAsync(caller, id, archived: false, ct);

    /// <summary>Deletes a template no content was ever protected with; otherwise 409 template-in-use.</summary>
    public async Task<TemplateDetails> DeleteAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct)
    {
        var template = await FindAsync(caller, id, ct);
        if (template.FirstUsedAt is not null)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TemplateInUse,
                $"Content has been protected with the template '{TemplateViews.NameOf(template)}', so it cannot be deleted: archive it instead, "
                + "which keeps that content readable and stops new protection.");
        }

        db.Templates.Remove(template);
        return TemplateViews.Details(template);
    }

    private async Task<TemplateDetails> SetArchivedAsync(ClaimsPrincipal caller, Guid id, bool archived, CancellationToken ct)
    {
        var template = await FindAsync(caller, id, ct);
        if (template.IsArchived != archived)
        {
            template.IsArchived = archived;
            template.UpdatedAt = clock.GetUtcNow();
        }

        return TemplateViews.Details(template);
    }

    private async Task<RightsTemplate> FindAsync(ClaimsPrincipal caller, Guid id, CancellationToken ct)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
        // SECURITY: a template of an organisation out of the caller's reach gets the answer of one that does not exist,
        // so ids of other organisations' templates are not confirmed; it is left unchanged on the context.
        if (template is null || !await scope.MayAsync(caller, Role, template.TenantId, ct))
        {
            throw new ApplianceProblemException(StatusCodes.Status404NotFound, ProblemCodes.TemplateNotFound, $"There is no template {id}.");
        }

        return template;
    }

    private async Task<(ValidTemplate? Template, IReadOnlyList<TemplateFieldError> Errors)> CheckAsync(
        Tenant tenant, TemplateRequest request, Guid? templateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var groups = await db.Groups.AsNoTracking().Where(g => g.TenantId == tenant.Id).Select(g => g.Email).ToListAsync(ct);
        var context = new TemplateRuleContext(
            tenant.MaxOfflineDays,
            groups.ToHashSet(StringComparer.OrdinalIgnoreCase),
            await TakenNamesAsync(tenant.Id, templateId, ct),
            clock.GetUtcNow());
        return TemplateRules.Validate(request, context);
    }

    private async Task<HashSet<string>> TakenNamesAsync(Guid tenantId, Guid? except, CancellationToken ct)
    {
        var others = await db.Templates.AsNoTracking().Where(t => t.TenantId == tenantId && t.Id != except).ToListAsync(ct);
        return others.SelectMany(t => t.Texts.Select(x => x.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Counts under the tenant row's write lock, held until the caller's audit entry commits the new template
    /// (UsageLog.RecordAsync), so two creates at once cannot both see 499. The no-op update is the one statement
    /// that takes that lock on both providers: a row lock on PostgreSQL, the database write lock on SQLite.
    /// </summary>
    private async Task RequireRoomAsync(Guid tenantId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            await db.Database.BeginTransactionAsync(ct);
        }

        await db.Tenants.Where(t => t.Id == tenantId).ExecuteUpdateAsync(u => u.SetProperty(t => t.MaxOfflineDays, t => t.MaxOfflineDays), ct);
        if (await db.Templates.CountAsync(t => t.TenantId == tenantId && !t.IsDefault, ct) >= MaxCustomTemplates)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.TemplateLimitReached,
                $"The organisation already has {MaxCustomTemplates} custom templates, the most it may have: delete or reuse one.");
        }
    }

    private static ValidTemplate Require((ValidTemplate? Template, IReadOnlyList<TemplateFieldError> Errors) checkedRequest) =>
        checkedRequest.Template ?? throw new ApplianceProblemException(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed,
            $"The template is not valid: {checkedRequest.Errors[0].Message}"
            + (checkedRequest.Errors.Count > 1 ? $" ({checkedRequest.Errors.Count - 1} more in 'errors')" : string.Empty))
        {
            Extensions = new Dictionary<string, object?> { ["errors"] = checkedRequest.Errors },
        };

    private static void Apply(RightsTemplate template, ValidTemplate valid, DateTimeOffset now)
    {
        template.Texts = valid.Texts;
        template.Grants = valid.Grants;
        template.ExpiryMode = valid.ExpiryMode;
        template.ExpiresOn = valid.ExpiresOn;
        template.ExpiresAfterDays = valid.ExpiresAfterDays;
        template.OfflineMode = valid.OfflineMode;
        template.OfflineDays = valid.OfflineDays;
        template.ScopeGroups = valid.Scope;
        template.IsArchived = valid.Archived;
        template.UpdatedAt = now;
    }

    private static string CopyName(string name, HashSet<string> taken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? " (copy)" : $" (copy {n})";
            var candidate = name[..Math.Min(name.Length, TemplateRules.MaxNameLength - suffix.Length)] + suffix;
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
